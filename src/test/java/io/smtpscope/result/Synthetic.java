package io.smtpscope.result;

import io.smtpscope.target.Mode;
import io.smtpscope.target.FanOut;
import io.smtpscope.target.MxOrigin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one builder of hand-made results for tests: one endpoint's observations built up field by field
 * ({@link #endpoint}, what a probe would have recorded, without a network), and whole reports with exact facts
 * for diff, history, monitoring and the writers ({@link #report}, {@link #open}, {@link #closed}). Real scans of
 * loopback servers are elsewhere ({@code report/ScanFixtures}, {@code hostile/HostileStrings}).
 */
public final class Synthetic {
    public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    /** When the reports of the diff, history and monitoring tests start. */
    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private Synthetic() {
    }

    public static Builder endpoint(String host, int port) {
        return new Builder(host, port);
    }

    public static HelloReply ehlo(String... extensions) {
        return new HelloReply(250, List.of(extensions), "EHLO", "mail.example.com\n" + String.join("\n", extensions));
    }

    public static List<String> usual(String... more) {
        List<String> all = new ArrayList<>(List.of("PIPELINING", "SIZE 10240000", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES"));
        all.addAll(List.of(more));
        return all;
    }

    public static ChainCertificate cert(String cn, String issuerCn, String keyAlgorithm, int bits, String signature,
                                        String... sans) {
        return new ChainCertificate("CN=" + cn, "CN=" + issuerCn, "1", NOW.minus(30, ChronoUnit.DAYS),
                NOW.plus(60, ChronoUnit.DAYS), List.of(sans), keyAlgorithm, bits, signature, "00");
    }

    public static ChainCertificate leaf(String name, String issuerCn) {
        return cert(name, issuerCn, "EC", 256, "SHA256withECDSA", "DNS:" + name);
    }

    public static CertificateResult trusted(String name, long daysRemaining, ChainCertificate... chain) {
        return new CertificateResult(List.of(chain), true, null, name, true, false, false, daysRemaining, false);
    }

    public static CertificateResult untrusted(String name, String error, boolean selfSigned, ChainCertificate... chain) {
        return new CertificateResult(List.of(chain), false, error, name, true, false, false, 60, selfSigned);
    }

    // ---- whole reports with exact facts (diff, history, monitoring, report writers) ----

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
                new Timings(3L, 5L, 2L, 1L, 12L, 30L), null, List.of(), List.of(findings), List.of(), null, null);
    }

    public static EndpointResult closed(String host, int port, Reachability reachability, Finding... findings) {
        return new EndpointResult(host, host, "192.0.2.10", port, Mode.STARTTLS, reachability, null, null, null,
                new Timings(null, null, null, null, null, 5L), null, List.of(), List.of(findings), List.of(), null, null);
    }

    public static Finding finding(String id, Severity severity) {
        return new Finding(id, severity, id.toLowerCase().replace('_', ' '), "explanation", "remedy", List.of());
    }

    public static EndpointResult withBanner(EndpointResult e, String banner) {
        SmtpResult smtp = new SmtpResult(new Banner(220, banner, "smtp"), null, null, null, null, List.of());
        return new EndpointResult(e.target(), e.host(), e.address(), e.port(), e.mode(), e.reachability(), smtp, e.tls(),
                e.certificate(), e.timingsMs(), e.error(), e.transcript(), e.findings(), e.reproduce(), null, null);
    }

    public static EndpointResult withEnumeration(EndpointResult e, Map<String, Boolean> protocols, Map<String, List<String>> suites) {
        TlsResult t = e.tls();
        return withTls(e, new TlsResult(t.protocol(), t.cipherSuite(), t.sni(), protocols, suites, null, null, null, null, null, null, null, null));
    }

    /** The same endpoint with other TLS facts (as if the enumeration had found them). */
    public static EndpointResult withTls(EndpointResult e, TlsResult tls) {
        return new EndpointResult(e.target(), e.host(), e.address(), e.port(), e.mode(), e.reachability(), e.smtp(), tls,
                e.certificate(), e.timingsMs(), e.error(), e.transcript(), e.findings(), e.reproduce(), e.reverseDns(), e.mx());
    }

    /** The same endpoint as found through {@code mx}. */
    public static EndpointResult withMx(EndpointResult e, MxOrigin mx) {
        return new EndpointResult(e.target(), e.host(), e.address(), e.port(), e.mode(), e.reachability(), e.smtp(), e.tls(),
                e.certificate(), e.timingsMs(), e.error(), e.transcript(), e.findings(), e.reproduce(), e.reverseDns(), mx);
    }

    // ---- one endpoint's observations, built up ----

    /** A mutable description of one endpoint's observations. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String address = "192.0.2.10";
        private Mode mode;
        private Reachability reachability = Reachability.OPEN;
        private Banner banner;
        private HelloReply ehlo;
        private HelloReply ehloAfterTls;
        private StartTlsResult starttls;
        private AuthAdvertised auth = new AuthAdvertised(List.of(), List.of());
        private List<ReplySeen> replies = List.of();
        private TlsResult tls;
        private CertificateResult certificate;
        private ProbeError error;
        private Long bannerMs = 40L;
        private ReverseDns reverseDns;
        private MxOrigin mx;
        private FanOut fanOut;
        private SmtpResult smtp;
        private List<String> transcript = List.of();
        private List<Finding> findings = List.of();
        private List<String> reproduce = List.of();

        Builder(String host, int port) {
            this.host = host;
            this.port = port;
            this.mode = Mode.defaultFor(port);
        }

        public Builder address(String value) { address = value; return this; }
        public Builder mode(Mode value) { mode = value; return this; }
        public Builder reachability(Reachability value) { reachability = value; return this; }
        public Builder banner(int code, String text) { banner = new Banner(code, text, "smtp"); return this; }
        public Builder ehlo(HelloReply value) { ehlo = value; return this; }
        public Builder ehloAfterTls(HelloReply value) { ehloAfterTls = value; return this; }
        public Builder starttls(StartTlsResult value) { starttls = value; return this; }
        public Builder auth(List<String> before, List<String> after) { auth = new AuthAdvertised(before, after); return this; }
        public Builder replies(ReplySeen... value) { replies = List.of(value); return this; }
        public Builder tls(String protocol) { tls = TlsResult.negotiated(protocol, "TLS_AES_128_GCM_SHA256", host); return this; }
        public Builder certificate(CertificateResult value) { certificate = value; return this; }
        public Builder error(String phase, ErrorKind kind, String message) { error = new ProbeError(phase, kind, message); return this; }
        public Builder bannerMs(Long value) { bannerMs = value; return this; }
        /** Found through this MX record (the MX rules read it). */
        public Builder mx(MxOrigin value) { mx = value; return this; }
        /** What planning left unscanned around it (the fan-out rules read it). */
        public Builder fanOut(FanOut value) { fanOut = value; return this; }

        public Builder reverseDns(ReverseDns value) { reverseDns = value; return this; }
        /** The whole SMTP dialogue as given, instead of the one composed from banner, EHLO, STARTTLS, AUTH and replies. */
        public Builder smtp(SmtpResult value) { smtp = value; return this; }
        /** The whole TLS result as given (an enumeration, say). */
        public Builder tls(TlsResult value) { tls = value; return this; }
        public Builder transcript(String... lines) { transcript = List.of(lines); return this; }
        public Builder findings(Finding... value) { findings = List.of(value); return this; }
        public Builder reproduce(String... commands) { reproduce = List.of(commands); return this; }
        /** No TLS session and so no certificate (a dialogue that never got to TLS). */
        public Builder noTls() { tls = null; certificate = null; return this; }

        /** A clean, well-configured STARTTLS (or implicit TLS) dialogue to start from. */
        public Builder healthy() {
            banner(220, host + " ESMTP");
            if (mode == Mode.IMPLICIT_TLS) {
                ehlo(Synthetic.ehlo(usual("AUTH PLAIN LOGIN").toArray(String[]::new)));
                auth(List.of(), List.of("PLAIN", "LOGIN"));
            } else {
                ehlo(Synthetic.ehlo(usual("STARTTLS").toArray(String[]::new)));
                starttls(new StartTlsResult(true, false, true, 220, "2.0.0 Ready", true, null, null));
                ehloAfterTls(Synthetic.ehlo(usual("AUTH PLAIN LOGIN SCRAM-SHA-256").toArray(String[]::new)));
                auth(List.of(), List.of("PLAIN", "LOGIN", "SCRAM-SHA-256"));
            }
            tls("TLSv1.3");
            certificate(trusted(host, 60, leaf(host, "Test Issuing CA")));
            return this;
        }

        public EndpointResult build() {
            boolean connected = reachability == Reachability.OPEN;
            SmtpResult dialogue = !connected ? null : smtp != null ? smtp
                    : new SmtpResult(banner, ehlo, ehloAfterTls, starttls, auth, replies);
            String addr = reachability == Reachability.DNS_ERROR ? null : address;
            String target = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
            return new EndpointResult(target, host, addr, port, mode, reachability, dialogue, connected ? tls : null,
                    connected ? certificate : null, new Timings(5L, connected ? bannerMs : null, null, null, null, 100L),
                    error, transcript, findings, reproduce, reverseDns, mx, fanOut);
        }
    }
}
