package io.smtpscope.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into its addresses (A and AAAA). An interface so tests can resolve without DNS. */
@FunctionalInterface
public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
