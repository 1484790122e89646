package io.smtpscope.finding;

import io.smtpscope.result.AuthAdvertised;
import io.smtpscope.result.HelloReply;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.target.Mode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SMTP AUTH (RFC 4954): offered in clear text, plaintext-only mechanisms, missing on submission ports. */
final class AuthRules {
    /** Ports where mail clients submit mail: 587 (RFC 6409) and 465 (RFC 8314). */
    static final Set<Integer> SUBMISSION_PORTS = Set.of(465, 587);
    /** Mechanisms that send the password itself (RFC 4616 PLAIN, and the non-standard LOGIN). */
    private static final Set<String> PLAINTEXT = Set.of("PLAIN", "LOGIN");

    private AuthRules() {
    }

    static void apply(EndpointResult e, SmtpResult smtp, Emitter out) {
        AuthAdvertised auth = smtp.auth() != null ? smtp.auth() : new AuthAdvertised(List.of(), List.of());
        if (e.mode() != Mode.IMPLICIT_TLS && !auth.beforeTls().isEmpty()) {
            out.emit("AUTH_BEFORE_TLS", Map.of("mechanisms", String.join(" ", auth.beforeTls())));
        }
        Set<String> offered = new LinkedHashSet<>(auth.afterTls());
        offered.addAll(auth.beforeTls());
        if (!offered.isEmpty() && PLAINTEXT.containsAll(offered)) {
            String protection = auth.beforeTls().isEmpty() ? " (only inside TLS)" : " (even before TLS, in clear text)";
            out.emit("AUTH_PLAINTEXT_ONLY", Map.of("mechanisms", String.join(" ", offered), "protection", protection));
        }
        if (SUBMISSION_PORTS.contains(e.port()) && offered.isEmpty()) {
            String where = whereAuthWasLookedFor(e, smtp);
            if (where != null) {
                out.emit("AUTH_NOT_OFFERED_SUBMISSION", Map.of("where", where));
            }
        }
    }

    /** Null when the dialogue never reached a point where AUTH would have been advertised. */
    private static String whereAuthWasLookedFor(EndpointResult e, SmtpResult smtp) {
        return switch (e.mode()) {
            case IMPLICIT_TLS -> positive(smtp.ehlo()) ? " in its EHLO reply inside TLS" : null;
            case STARTTLS -> positive(smtp.ehloAfterTls()) ? " before or after STARTTLS" : null;
            case PLAIN -> positive(smtp.ehlo()) ? " in its EHLO reply" : null;
        };
    }

    private static boolean positive(HelloReply ehlo) {
        return ehlo != null && "EHLO".equals(ehlo.command()) && ehlo.code() != null && ehlo.code() >= 200 && ehlo.code() < 400;
    }
}
