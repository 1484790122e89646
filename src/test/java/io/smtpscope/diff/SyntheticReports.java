package io.smtpscope.diff;

import io.smtpscope.result.Banner;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.Timings;
import io.smtpscope.result.TlsResult;
import io.smtpscope.result.Tool;
import io.smtpscope.target.Mode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-made reports for tests that need exact facts (diff, history, monitoring outputs). */
public final class SyntheticReports {
    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private SyntheticReports() {
    }

    public static ScanReport report(Instant started, EndpointResult... endpoints) {
        return new ScanReport(ScanReport.SCHEMA, new Tool("smtpscope", "test"), started, started.plusSeconds(2), "default",
                List.of(endpoints), List.of(), true, List.of());
    }

    /** An open STARTTLS endpoint with TLS 1.3, a certificate, and the given findings. */
    public static EndpointResult open(String host, int port, String sha256, Instant notAfter, long daysRemaining, Finding... findings) {
        ChainCertificate leaf = new ChainCertificate("CN=" + host, "CN=test CA", "01", notAfter.minusSeconds(86_400 * 90L),
                notAfter, List.of(host), "EC", 256, "SHA256withECDSA", sha256);
        CertificateResult cert = new CertificateResult(List.of(leaf), true, null, host, true, daysRemaining < 0, false,
                daysRemaining, false);
        SmtpResult smtp = new SmtpResult(new Banner(220, host + " ESMTP Postfix", "smtp"), null, null, null, null, List.of());
        return new EndpointResult(host, host, "192.0.2.10", port, Mode.STARTTLS, Reachability.OPEN, smtp,
                TlsResult.negotiated("TLSv1.3", "TLS_AES_128_GCM_SHA256", host), cert,
                new Timings(3L, 5L, 2L, 1L, 12L, 30L), null, List.of(), List.of(findings), List.of());
    }

    public static EndpointResult closed(String host, int port, Reachability reachability, Finding... findings) {
        return new EndpointResult(host, host, "192.0.2.10", port, Mode.STARTTLS, reachability, null, null, null,
                new Timings(null, null, null, null, null, 5L), null, List.of(), List.of(findings), List.of());
    }

    public static Finding finding(String id, Severity severity) {
        return new Finding(id, severity, id.toLowerCase().replace('_', ' '), "explanation", "remedy", List.of());
    }

    public static EndpointResult withBanner(EndpointResult e, String banner) {
        SmtpResult smtp = new SmtpResult(new Banner(220, banner, "smtp"), null, null, null, null, List.of());
        return new EndpointResult(e.target(), e.host(), e.address(), e.port(), e.mode(), e.reachability(), smtp, e.tls(),
                e.certificate(), e.timingsMs(), e.error(), e.transcript(), e.findings(), e.reproduce());
    }

    public static EndpointResult withEnumeration(EndpointResult e, Map<String, Boolean> protocols, Map<String, List<String>> suites) {
        TlsResult t = e.tls();
        return e.withTls(new TlsResult(t.protocol(), t.cipherSuite(), t.sni(), protocols, suites, null, null, null, null, null, null));
    }
}
