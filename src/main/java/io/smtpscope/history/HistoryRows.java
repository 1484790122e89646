package io.smtpscope.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smtpscope.report.Json;
import io.smtpscope.result.Banner;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.Severity;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.TlsResult;
import io.smtpscope.target.Mode;
import io.smtpscope.text.Printable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * Turns rows of the history database back into values. The database is a file anyone with access can edit, so
 * every value that must parse is checked here and a bad one becomes a {@link Damage} naming the column and the
 * value (escaped and shortened: it is untrusted text), never an exception from deep inside the JDK.
 */
final class HistoryRows {
    private static final int MAX_VALUE_SHOWN = 40;

    /** What is wrong with one row; the store adds the table and the row id. */
    static final class Damage extends Exception {
        Damage(String problem) {
            super(problem, null, false, false);
        }
    }

    private HistoryRows() {
    }

    /** A row of {@code endpoints} joined with its run's {@code started_at} and {@code profile}. */
    static HistoryEntry entry(ResultSet rs) throws SQLException, Damage {
        String ids = rs.getString("finding_ids");
        String worstFinding = rs.getString("worst_finding");
        String worstSeverity = rs.getString("worst_severity");
        if (worstFinding != null && worstSeverity == null) {
            throw new Damage("worst_finding " + shown(worstFinding) + " without a worst_severity");
        }
        Instant started;
        try {
            started = required(rs, "started_at");
        } catch (Damage d) {
            throw new Damage("its run " + rs.getLong("run_id") + " has " + d.getMessage());
        }
        return new HistoryEntry(rs.getLong("run_id"), started, rs.getString("profile"),
                rs.getString("host"), rs.getString("address"), rs.getInt("port"), rs.getString("mode"),
                rs.getString("reachability"), rs.getString("tls_protocol"), rs.getString("cert_sha256"),
                instant(rs, "cert_not_after"), worstSeverity, worstFinding,
                ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")), rs.getString("banner"));
    }

    /** The stored JSON when there is one and it reads; otherwise (and for rows of schema 1) rebuilt from the columns. */
    static EndpointResult endpoint(ResultSet rs) throws SQLException, Damage {
        String json = rs.getString("endpoint_json");
        if (json != null) {
            try {
                return Json.mapper().readValue(json, EndpointResult.class);
            } catch (JsonProcessingException e) {
                // fall through to the columns: they hold the facts diff needs most
            }
        }
        String protocol = rs.getString("tls_protocol");
        String sha = rs.getString("cert_sha256");
        Instant notAfter = instant(rs, "cert_not_after");
        CertificateResult certificate = sha == null ? null : new CertificateResult(
                List.of(new ChainCertificate(null, null, null, null, notAfter, List.of(), null, null, null, sha)),
                false, null, null, false, false, false, 0, false);
        String banner = rs.getString("banner");
        SmtpResult smtp = banner == null ? null : new SmtpResult(new Banner(null, banner, null), null, null, null, null, List.of());
        String ids = rs.getString("finding_ids");
        String worstId = rs.getString("worst_finding");
        Severity worst = severity(rs.getString("worst_severity"));
        List<Finding> findings = ids == null || ids.isEmpty() ? List.of() : Arrays.stream(ids.split(","))
                .map(id -> new Finding(id, id.equals(worstId) ? worst : null, null, null, null, List.of()))
                .toList();
        return new EndpointResult(rs.getString("target"), rs.getString("host"), rs.getString("address"), rs.getInt("port"),
                mode(rs.getString("mode")), reachability(rs.getString("reachability")), smtp,
                protocol == null ? null : TlsResult.negotiated(protocol, null, null), certificate, null, null,
                List.of(), findings, List.of(), null, null);
    }

    /** A time column that must be set ({@code started_at}, {@code finished_at}). */
    static Instant required(ResultSet rs, String column) throws SQLException, Damage {
        Instant value = instant(rs, column);
        if (value == null) {
            throw new Damage(column + " empty");
        }
        return value;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException, Damage {
        String text = rs.getString(column);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Damage(column + " " + shown(text) + ", not a time");
        }
    }

    private static Mode mode(String label) throws Damage {
        try {
            return Mode.parse(String.valueOf(label));
        } catch (IllegalArgumentException e) {
            throw new Damage("mode " + shown(label) + " is not a mode");
        }
    }

    private static Reachability reachability(String label) throws Damage {
        for (Reachability r : Reachability.values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new Damage("reachability " + shown(label) + " is unknown");
    }

    private static Severity severity(String label) throws Damage {
        try {
            return label == null ? null : Severity.parse(label);
        } catch (IllegalArgumentException e) {
            throw new Damage("worst_severity " + shown(label) + " is not a severity");
        }
    }

    private static String shown(String value) {
        return value == null ? "nothing" : "'" + Printable.shorten(Printable.escapeControls(value), MAX_VALUE_SHOWN) + "'";
    }
}
