package io.smtpscope.result;

import java.util.List;

/**
 * The reverse DNS (PTR) names of the endpoint's address. {@code names} empty and {@code error} null: the
 * address has no PTR record; {@code error}: the lookup failed. The whole object is null in the report when
 * reverse DNS was not checked (profile {@code reverse_dns: false}, or a loopback address).
 */
public record ReverseDns(List<String> names, String error) {
    public ReverseDns {
        names = names == null ? List.of() : List.copyOf(names);
    }
}
