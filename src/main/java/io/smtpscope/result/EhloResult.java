package io.smtpscope.result;

import java.util.List;

/** The reply to EHLO (or HELO after a 5xx to EHLO): code, extension lines after the first, command used. */
public record EhloResult(Integer code, List<String> extensions, String command, String text) {
    public EhloResult {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }
}
