package io.smtpscope.finding;

import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Severity;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.target.Mode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the observations of one endpoint into findings. Pure: the same observations and policy always give
 * the same findings, so a saved report can be judged again under another profile without rescanning.
 */
public final class FindingRules {
    private final FindingCatalogue catalogue;
    private final JudgePolicy policy;

    public FindingRules(FindingCatalogue catalogue, JudgePolicy policy) {
        this.catalogue = catalogue;
        this.policy = policy;
    }

    public EndpointResult judge(EndpointResult endpoint) {
        return endpoint.withFindings(findings(endpoint));
    }

    public List<Finding> findings(EndpointResult e) {
        Emitter out = new Emitter(e);
        connectivity(e, out);
        if (e.smtp() != null) {
            startTls(e, e.smtp(), out);
            auth(e, e.smtp(), out);
        }
        if (e.certificate() != null) {
            certificate(e.certificate(), out);
        }
        TlsRules.findings(e, out::emit);
        return out.findings;
    }

    private void connectivity(EndpointResult e, Emitter out) {
        ProbeError error = e.error();
        switch (e.reachability()) {
            case REFUSED -> out.emit("PORT_REFUSED", Map.of());
            case TIMEOUT -> out.emit("PORT_TIMEOUT", Map.of("timeout", "the connect timeout"));
            case UNREACHABLE -> out.emit("PORT_UNREACHABLE", Map.of("message", error != null ? error.message() : "unreachable"));
            case DNS_ERROR -> out.emit("DNS_ERROR", Map.of("message", error != null ? error.message() : "DNS lookup failed"));
            case OPEN -> { }
        }
        if (error == null || e.reachability() != io.smtpscope.result.Reachability.OPEN) {
            return;
        }
        String bannerText = e.smtp() != null && e.smtp().banner() != null && e.smtp().banner().text() != null
                ? firstLine(e.smtp().banner().text()) : "";
        String code = e.smtp() != null && e.smtp().banner() != null && e.smtp().banner().code() != null
                ? e.smtp().banner().code().toString() : "";
        switch (error.kind()) {
            case "banner-timeout" -> out.emit("BANNER_TIMEOUT", Map.of("message", error.message()));
            case "not-smtp" -> out.emit("NOT_SMTP", Map.of("message", error.message()));
            case "rejected" -> out.emit("SERVICE_REJECTED", Map.of("code", code, "text", bannerText));
            case "rate-limited" -> out.emit("SERVICE_RATE_LIMITED", Map.of("code", "421", "phase", error.phase(),
                    "text", bannerText));
            default -> { }
        }
    }

    private void startTls(EndpointResult e, SmtpResult smtp, Emitter out) {
        StartTlsResult st = smtp.starttls();
        if (e.mode() == Mode.IMPLICIT_TLS && e.error() != null && "handshake".equals(e.error().phase())) {
            out.emit("STARTTLS_FAILED", Map.of("error", e.error().message()));
            return;
        }
        if (e.mode() != Mode.STARTTLS || st == null) {
            return;
        }
        if (st.stripped()) {
            out.emit("STARTTLS_STRIPPED", Map.of("evidence", strippedEvidence(st)));
            return;
        }
        if (!st.offered() && !Boolean.TRUE.equals(st.upgraded())) {
            out.emit("STARTTLS_NOT_OFFERED", Map.of("code", st.code() != null ? st.code().toString() : "(not tried)"));
            return;
        }
        if (st.offered() && !Boolean.TRUE.equals(st.upgraded())) {
            String why = st.error() != null ? st.error() : "the server answered " + st.code();
            if (e.error() != null && "handshake".equals(e.error().phase())) {
                why = e.error().message();
            }
            out.emit("STARTTLS_FAILED", Map.of("error", why));
        }
    }

    private static String strippedEvidence(StartTlsResult st) {
        if (st.maskedKeyword() != null) {
            return "The EHLO reply lists '" + st.maskedKeyword() + "' where STARTTLS belongs";
        }
        if (st.offered()) {
            return "STARTTLS was advertised, but the STARTTLS command was answered " + st.code();
        }
        return "STARTTLS was not advertised, yet the STARTTLS command worked";
    }

    private void auth(EndpointResult e, SmtpResult smtp, Emitter out) {
        if (e.mode() != Mode.IMPLICIT_TLS && smtp.auth() != null && !smtp.auth().beforeTls().isEmpty()) {
            out.emit("AUTH_BEFORE_TLS", Map.of("mechanisms", String.join(" ", smtp.auth().beforeTls())));
        }
    }

    private void certificate(CertificateResult c, Emitter out) {
        ChainCertificate leaf = c.chain().isEmpty() ? null : c.chain().get(0);
        String subject = leaf != null && leaf.subject() != null ? leaf.subject() : "(unknown)";
        String notAfter = leaf != null && leaf.notAfter() != null ? leaf.notAfter().toString() : "(unknown)";
        boolean onlyExpired = c.expired() && c.trustError() != null && c.trustError().contains("expired");
        if (!c.trusted() && !onlyExpired) {
            out.emit("CERT_UNTRUSTED", Map.of("subject", subject, "trust_error", String.valueOf(c.trustError())));
        }
        if (c.nameChecked() != null && !c.nameMatches()) {
            String sans = leaf == null || leaf.sans().isEmpty() ? "no subjectAltName, subject " + subject
                    : String.join(", ", leaf.sans());
            out.emit("CERT_NAME_MISMATCH", Map.of("name", c.nameChecked(), "sans", sans));
        }
        if (c.expired()) {
            out.emit("CERT_EXPIRED", Map.of("not_after", notAfter, "days", Long.toString(-c.daysRemaining())));
        } else if (c.daysRemaining() < policy.expiryWarnDays()) {
            Optional<Severity> escalate = c.daysRemaining() < policy.expiryFailDays() ? Optional.of(Severity.FAIL) : Optional.empty();
            out.emit("CERT_EXPIRES_SOON", Map.of("not_after", notAfter, "days", Long.toString(c.daysRemaining()),
                    "threshold", Integer.toString(escalate.isPresent() ? policy.expiryFailDays() : policy.expiryWarnDays())), escalate);
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** Collects findings, adding the facts every template may use. */
    private final class Emitter {
        private final List<Finding> findings = new ArrayList<>();
        private final Map<String, String> common = new LinkedHashMap<>();

        Emitter(EndpointResult e) {
            String host = e.host() != null && e.host().contains(":") ? "[" + e.host() + "]" : e.host();
            common.put("endpoint", host + ":" + e.port());
            common.put("address", e.address() != null ? e.address() : e.host());
            common.put("port", Integer.toString(e.port()));
            common.put("mode", e.mode().label());
        }

        void emit(String id, Map<String, String> facts) {
            emit(id, facts, Optional.empty());
        }

        void emit(String id, Map<String, String> facts, Optional<Severity> severity) {
            Map<String, String> all = new LinkedHashMap<>(common);
            all.putAll(facts);
            Optional<Severity> override = Optional.ofNullable(policy.severityOverrides().get(id)).or(() -> severity);
            findings.add(catalogue.make(id, all, override));
        }
    }
}
