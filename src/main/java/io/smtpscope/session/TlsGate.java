package io.smtpscope.session;

import io.smtpscope.result.CertificateResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The check before anything worth protecting leaves over a session: credentials (AUTH) or a test message (MAIL,
 * RCPT, DATA). It passes when TLS is up and the certificate passed what a mail client checks (a path to a trusted
 * root, a certificate meant for TLS servers, the name, the dates); otherwise only with the user's explicit
 * {@code --allow-plaintext} (no TLS) or {@code --insecure} (TLS with a certificate that failed).
 */
record TlsGate(boolean allowPlaintext, boolean insecure) {
    /** Why nothing is sent, the login status that names it, and the options that would send it anyway. */
    record Refusal(AuthStatus status, String reason, String override) {
        /** One line for the transcript or the error: "not sending WHAT: REASON (OVERRIDE)". */
        String sentence(String what) {
            return "not sending " + what + ": " + reason + " (" + override + ")";
        }
    }

    Optional<Refusal> check(SmtpConnection connection) {
        if (!connection.encrypted()) {
            return allowPlaintext ? Optional.empty() : Optional.of(new Refusal(AuthStatus.REFUSED_PLAINTEXT,
                    "the connection is not encrypted, anyone on the path could read it",
                    "--allow-plaintext sends it anyway"));
        }
        if (!connection.certificateAcceptable() && !insecure) {
            return Optional.of(new Refusal(AuthStatus.CERTIFICATE_REJECTED,
                    "the certificate did not pass validation: " + problems(connection.certificate()),
                    "--ca-file trusts a private CA; --insecure sends it anyway"));
        }
        return Optional.empty();
    }

    /** What a mail client would object to, in the order it checks. */
    private static String problems(CertificateResult certificate) {
        if (certificate == null) {
            return "no certificate was judged";
        }
        List<String> problems = new ArrayList<>();
        if (!certificate.trusted()) {
            problems.add("not trusted (" + certificate.trustError() + ")");
        }
        if (!certificate.nameMatches()) {
            problems.add("it does not name " + certificate.nameChecked());
        }
        if (certificate.expired()) {
            problems.add("it has expired");
        }
        if (certificate.notYetValid()) {
            problems.add("it is not yet valid");
        }
        return String.join("; ", problems);
    }
}
