package io.smtpscope.finding;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.HelloReply;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.SmtpResult;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The EHLO dialogue: refused greeting, HELO-only servers (RFC 5321 section 3.2), missing common extensions. */
final class SmtpRules {
    /** Extension keyword -> finding id; each is an info finding when absent. */
    private static final Map<String, String> EXPECTED_EXTENSIONS = expected();

    private SmtpRules() {
    }

    private static Map<String, String> expected() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PIPELINING", "SMTP_NO_PIPELINING");       // RFC 2920
        m.put("8BITMIME", "SMTP_NO_8BITMIME");           // RFC 6152
        m.put("SIZE", "SMTP_NO_SIZE");                   // RFC 1870
        m.put("SMTPUTF8", "SMTP_NO_SMTPUTF8");           // RFC 6531
        m.put("ENHANCEDSTATUSCODES", "SMTP_NO_ENHANCEDSTATUSCODES"); // RFC 2034
        return m;
    }

    static void apply(EndpointResult e, SmtpResult smtp, Emitter out) {
        if (e.error() != null && e.error().kind() == ErrorKind.EHLO_FAILED) {
            out.emit("SMTP_EHLO_REJECTED", Map.of("message", e.error().message()));
            return;
        }
        HelloReply ehlo = smtp.ehlo();
        if (ehlo == null || ehlo.code() == null || ehlo.code() >= 400) {
            return;
        }
        if ("HELO".equals(ehlo.command())) {
            String code = smtp.replies().stream().filter(r -> "EHLO".equals(r.command())).findFirst()
                    .map(r -> Integer.toString(r.code())).orElse("an error");
            out.emit("SMTP_HELO_ONLY", Map.of("code", code));
            return;
        }
        // Inside TLS is what clients use when it came up; otherwise the clear-text EHLO.
        HelloReply effective = smtp.ehloAfterTls() != null && smtp.ehloAfterTls().code() != null
                && smtp.ehloAfterTls().code() < 400 ? smtp.ehloAfterTls() : ehlo;
        Set<String> keywords = effective.extensions().stream()
                .map(line -> line.strip().split("[\\s=]", 2)[0].toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        EXPECTED_EXTENSIONS.forEach((keyword, id) -> {
            if (!keywords.contains(keyword)) {
                out.emit(id, Map.of());
            }
        });
    }
}
