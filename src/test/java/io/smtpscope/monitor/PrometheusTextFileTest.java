package io.smtpscope.monitor;

import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.smtpscope.result.Synthetic.T0;
import static io.smtpscope.result.Synthetic.closed;
import static io.smtpscope.result.Synthetic.finding;
import static io.smtpscope.result.Synthetic.open;
import static io.smtpscope.result.Synthetic.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextFileTest {
    private static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private Map<String, ExpositionChecker.Family> written(ScanReport report) throws Exception {
        Path file = dir.resolve("textfile/smtpscope.prom");
        PrometheusTextFile.write(report, file);
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left next to the output");
        }
        return ExpositionChecker.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void everyFamilyIsTypedDocumentedAndParsesStrictly() throws Exception {
        var families = written(report(T0, open("mx.example.com", 25, "aa", EXPIRY, 30, finding("CERT_EXPIRES_SOON", Severity.WARN),
                finding("NO_MTA_STS", Severity.INFO)), closed("mx.example.com", 587, Reachability.TIMEOUT, finding("PORT_TIMEOUT", Severity.WARN))));
        for (String name : List.of("smtpscope_up", "smtpscope_tls_info", "smtpscope_certificate_expiry_timestamp_seconds",
                "smtpscope_findings", "smtpscope_phase_duration_seconds", "smtpscope_last_run_timestamp_seconds")) {
            ExpositionChecker.Family f = families.get(name);
            assertTrue(f != null, () -> name + " missing from " + families.keySet());
            assertEquals("gauge", f.type(), name);
            assertTrue(f.help() != null && !f.help().isEmpty(), name + " has HELP");
        }
        assertEquals(1.0, value(families, "smtpscope_up", Map.of("port", "25")));
        assertEquals(0.0, value(families, "smtpscope_up", Map.of("port", "587")));
        assertEquals(EXPIRY.getEpochSecond(), value(families, "smtpscope_certificate_expiry_timestamp_seconds",
                Map.of("host", "mx.example.com", "port", "25", "address", "192.0.2.10", "mode", "starttls")));
        assertEquals(1, families.get("smtpscope_certificate_expiry_timestamp_seconds").samples().size(), "no certificate, no sample");
        assertEquals(1.0, value(families, "smtpscope_tls_info", Map.of("port", "25", "version", "TLSv1.3")));
        assertEquals(1.0, value(families, "smtpscope_findings", Map.of("port", "25", "severity", "warn")));
        assertEquals(1.0, value(families, "smtpscope_findings", Map.of("port", "25", "severity", "info")));
        assertEquals(0.0, value(families, "smtpscope_findings", Map.of("port", "25", "severity", "fail")));
        assertEquals(0.012, value(families, "smtpscope_phase_duration_seconds", Map.of("port", "25", "phase", "handshake")), 1e-9);
        assertEquals(0.005, value(families, "smtpscope_phase_duration_seconds", Map.of("port", "587", "phase", "total")), 1e-9);
        assertEquals(T0.plusSeconds(2).getEpochSecond(), value(families, "smtpscope_last_run_timestamp_seconds", Map.of()));
    }

    @Test
    void theFileIsReadableByTheCollectorsUser() throws Exception {
        written(report(T0, open("mx.example.com", 25, "aa", EXPIRY, 30)));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("textfile/smtpscope.prom"))));
    }

    @Test
    void hostileLabelValuesAreEscaped() throws Exception {
        String host = "we\"ird\\host\nname";
        var families = written(report(T0, open(host, 25, "aa", EXPIRY, 30)));
        assertEquals(1.0, value(families, "smtpscope_up", Map.of("host", host)));
    }

    @Test
    void rewritingReplacesTheWholeFile() throws Exception {
        written(report(T0, open("a.example.com", 25, "aa", EXPIRY, 30), open("b.example.com", 25, "aa", EXPIRY, 30)));
        var families = written(report(T0, open("a.example.com", 25, "aa", EXPIRY, 30)));
        assertEquals(1, families.get("smtpscope_up").samples().size());
    }

    private static double value(Map<String, ExpositionChecker.Family> families, String name, Map<String, String> labels) {
        List<ExpositionChecker.Sample> matches = families.get(name).samples().stream()
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
        assertEquals(1, matches.size(), () -> name + labels + " matched " + matches);
        return matches.get(0).value();
    }
}
