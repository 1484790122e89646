package io.smtpscope.finding;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.target.Mode;

import java.util.Map;

/**
 * STARTTLS (RFC 3207) and implicit TLS (RFC 8314). Tells apart: not offered, stripped on the path,
 * refused when asked (STARTTLS_FAILED), and accepted with 220 but no working TLS (STARTTLS_TLS_BROKEN).
 */
final class StartTlsRules {
    private StartTlsRules() {
    }

    static void apply(EndpointResult e, SmtpResult smtp, Emitter out) {
        boolean handshakeFailed = e.error() != null && "handshake".equals(e.error().phase());
        if (e.mode() == Mode.IMPLICIT_TLS) {
            if (handshakeFailed) {
                out.emit("IMPLICIT_TLS_FAILED", Map.of("error", e.error().message()));
            }
            return;
        }
        StartTlsResult st = smtp.starttls();
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
        if (Boolean.TRUE.equals(st.upgraded())) {
            return;
        }
        if (st.code() != null && st.code() == 220) {
            String why = handshakeFailed ? e.error().message() : String.valueOf(st.error());
            out.emit("STARTTLS_TLS_BROKEN", Map.of("error", why));
        } else {
            String why = st.error() != null ? st.error() : "the server answered " + st.code();
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
}
