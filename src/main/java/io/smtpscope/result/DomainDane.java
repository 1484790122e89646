package io.smtpscope.result;

import java.util.List;

/** DANE for a mail domain: the DNS side for each MX host, in MX preference order. */
public record DomainDane(List<HostDane> hosts) {
    public DomainDane {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}
