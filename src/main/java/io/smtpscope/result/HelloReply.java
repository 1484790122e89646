package io.smtpscope.result;

import java.util.List;

/**
 * The reply to the hello command (RFC 5321 section 4.1.1.1): EHLO, or HELO after a 5xx to EHLO; {@code command}
 * says which. Code, extension lines after the first (none after HELO), and the reply text.
 */
public record HelloReply(Integer code, List<String> extensions, String command, String text) {
    public HelloReply {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }
}
