package io.smtpscope.result;

import java.util.List;

/** SASL mechanisms advertised in the AUTH extension before and after TLS (RFC 4954). */
public record AuthAdvertised(List<String> beforeTls, List<String> afterTls) {
    public AuthAdvertised {
        beforeTls = beforeTls == null ? List.of() : List.copyOf(beforeTls);
        afterTls = afterTls == null ? List.of() : List.copyOf(afterTls);
    }
}
