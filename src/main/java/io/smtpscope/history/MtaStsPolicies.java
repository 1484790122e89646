package io.smtpscope.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smtpscope.report.Json;
import io.smtpscope.result.DomainResult;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.ScanReport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * The history's MTA-STS rows: each recorded run's {@code mta_sts} per mail domain, and the latest one recorded for a
 * domain. Only results with a fetched policy are kept: they are what a later run compares its id and hash with.
 */
final class MtaStsPolicies {
    private MtaStsPolicies() {
    }

    static void insert(Connection connection, long runId, ScanReport report) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO mta_sts_policies (run_id, domain, mta_sts_json) VALUES (?, ?, ?)")) {
            for (DomainResult d : report.domains()) {
                MtaStsResult sts = d.mtaSts();
                if (sts == null || sts.id() == null || sts.policySha256() == null) {
                    continue;
                }
                ps.setLong(1, runId);
                ps.setString(2, key(d.domain()));
                ps.setString(3, Json.mapper().writeValueAsString(sts));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot serialise an MTA-STS result: " + e.getOriginalMessage(), e);
        }
    }

    /** The latest recorded result of {@code domain}; empty when none, or when its row cannot be read. */
    static Optional<MtaStsResult> latest(Connection connection, String domain) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT mta_sts_json FROM mta_sts_policies WHERE domain = ? ORDER BY run_id DESC LIMIT 1")) {
            ps.setString(1, key(domain));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Json.mapper().readValue(rs.getString(1), MtaStsResult.class));
                } catch (JsonProcessingException damaged) {
                    return Optional.empty(); // a damaged row is no evidence of a change: compare with nothing
                }
            }
        }
    }

    private static String key(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
