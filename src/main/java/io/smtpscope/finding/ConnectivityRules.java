package io.smtpscope.finding;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ProbeError;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.SmtpResult;

import java.util.Map;
import java.util.Set;

/** TCP outcome, greeting (RFC 5321 section 3.1, 4.2) and sessions that broke off mid-way. */
final class ConnectivityRules {
    /** Error kinds other rules explain (greeting, EHLO, TLS); the rest of a failed open session is SESSION_ABORTED. */
    private static final Set<ErrorKind> EXPLAINED_ELSEWHERE = Set.of(ErrorKind.BANNER_TIMEOUT, ErrorKind.NOT_SMTP,
            ErrorKind.REJECTED, ErrorKind.RATE_LIMITED, ErrorKind.EHLO_FAILED);

    private ConnectivityRules() {
    }

    static void apply(EndpointResult e, JudgePolicy policy, Emitter out) {
        ProbeError error = e.error();
        if (e.mx() != null && e.mx().isNullMx()) {
            return; // nothing was meant to be scanned: NULL_MX (MxRules) says why, it is no DNS failure
        }
        switch (e.reachability()) {
            case REFUSED -> out.emit("PORT_REFUSED", Map.of());
            case TIMEOUT -> out.emit("PORT_TIMEOUT", Map.of("timeout", "the connect timeout"));
            case UNREACHABLE -> out.emit("PORT_UNREACHABLE", Map.of("message", error != null ? error.message() : "unreachable"));
            case DNS_ERROR -> out.emit("DNS_ERROR", Map.of("message", error != null ? error.message() : "DNS lookup failed"));
            case NOT_SCANNED, OPEN -> { } // not scanned: MX_ADDRESS_NOT_PUBLIC (MxRules) says why
        }
        if (e.reachability() != Reachability.OPEN) {
            return;
        }
        slowBanner(e, policy, out);
        if (error == null) {
            return;
        }
        SmtpResult smtp = e.smtp();
        String bannerText = smtp != null && smtp.banner() != null && smtp.banner().text() != null
                ? firstLine(smtp.banner().text()) : "";
        String code = smtp != null && smtp.banner() != null && smtp.banner().code() != null
                ? smtp.banner().code().toString() : "";
        boolean greetingDeadline = error.kind() == ErrorKind.DEADLINE_EXCEEDED && error.phase().equals("banner");
        switch (error.kind()) {
            case BANNER_TIMEOUT -> out.emit("BANNER_TIMEOUT", Map.of("message", error.message()));
            case NOT_SMTP -> out.emit("NOT_SMTP", Map.of("message", error.message()));
            case REJECTED -> out.emit("SERVICE_REJECTED", Map.of("code", code, "text", bannerText));
            case RATE_LIMITED -> out.emit("SERVICE_RATE_LIMITED", Map.of("code", "421", "phase", error.phase(),
                    "text", bannerText));
            default -> {
                if (greetingDeadline) {
                    out.emit("BANNER_TIMEOUT", Map.of("message", error.message()));
                } else if (!EXPLAINED_ELSEWHERE.contains(error.kind()) && !error.phase().equals("handshake")) {
                    // Handshake failures are explained by the STARTTLS / implicit-TLS rules.
                    out.emit("SESSION_ABORTED", Map.of("phase", error.phase(), "message", error.message()));
                }
            }
        }
    }

    private static void slowBanner(EndpointResult e, JudgePolicy policy, Emitter out) {
        if (e.timingsMs() == null || e.timingsMs().banner() == null || e.smtp() == null || e.smtp().banner() == null
                || e.smtp().banner().code() == null || e.smtp().banner().code() != 220) {
            return;
        }
        long millis = e.timingsMs().banner();
        if (millis > policy.slowBannerMillis()) {
            out.emit("SLOW_BANNER", Map.of("banner_ms", Long.toString(millis),
                    "threshold_ms", Long.toString(policy.slowBannerMillis())));
        }
    }

    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
