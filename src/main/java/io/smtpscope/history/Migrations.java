package io.smtpscope.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema as a list of SQL scripts (resources {@code migrations/V<n>__*.sql}); the database's
 * {@code PRAGMA user_version} says how many have been applied. Pending scripts run in one
 * {@code BEGIN IMMEDIATE} transaction, so a crash leaves the old schema and two processes migrating at
 * once serialise: the second sees the new version and has nothing to do.
 */
final class Migrations {
    static final List<String> SCRIPTS = List.of("V1__runs_and_endpoints.sql", "V2__endpoint_json.sql",
            "V3__mta_sts_policies.sql");

    private Migrations() {
    }

    static int latest() {
        return SCRIPTS.size();
    }

    static int version(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Applies every pending script up to {@code target}; returns the version before. */
    static int migrate(Connection connection, int target, String label) throws SQLException {
        int seen = version(connection);
        if (seen == target) {
            return seen; // up to date: no write lock, so readers and an up-to-date writer never wait here
        }
        try (Statement st = connection.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            boolean done = false;
            try {
                int current = version(connection);
                if (current > latest()) {
                    throw new HistoryException("history database " + label + " has schema version " + current
                            + ", newer than this smtpscope knows (" + latest() + "): upgrade smtpscope or use another --history file");
                }
                for (int v = current + 1; v <= target; v++) {
                    for (String sql : statements(SCRIPTS.get(v - 1))) {
                        st.execute(sql);
                    }
                }
                if (target > current) {
                    st.execute("PRAGMA user_version = " + target);
                }
                st.execute("COMMIT");
                done = true;
                return current;
            } finally {
                if (!done) {
                    try {
                        st.execute("ROLLBACK");
                    } catch (SQLException ignored) {
                        // the original failure is what matters
                    }
                }
            }
        }
    }

    /** The statements of one script: comments dropped, split at semicolons ending a line. */
    static List<String> statements(String script) {
        String text;
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + script);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
