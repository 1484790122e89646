package io.smtpscope.engine;

import io.smtpscope.result.ReverseDns;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reverse DNS (PTR) names of an address. An interface so tests never touch real DNS. A null result
 * means "not checked" and is reported as such.
 */
@FunctionalInterface
public interface ReverseLookup {
    ReverseDns lookup(InetAddress address);

    /** Reverse DNS is not checked at all. */
    static ReverseLookup none() {
        return address -> null;
    }

    /**
     * The platform resolver (which also confirms the name forwards). Loopback addresses are not checked:
     * their names say nothing about a mail server. Each address is looked up once per run, and a slow
     * resolver cannot hold a probe longer than {@code timeoutMillis}.
     */
    static ReverseLookup system(long timeoutMillis) {
        ConcurrentHashMap<InetAddress, ReverseDns> cache = new ConcurrentHashMap<>();
        return address -> {
            if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
                return null;
            }
            return cache.computeIfAbsent(address, a -> systemLookup(a, timeoutMillis));
        };
    }

    private static ReverseDns systemLookup(InetAddress address, long timeoutMillis) {
        // Not a closing executor: a lookup stuck in the resolver must not hold the probe after the timeout.
        CompletableFuture<String> name = CompletableFuture.supplyAsync(() -> canonicalName(address),
                task -> Thread.ofVirtual().name("rdns-" + address.getHostAddress()).start(task));
        try {
            String found = name.get(timeoutMillis, TimeUnit.MILLISECONDS);
            // The JDK answers with the address itself when there is no (forward-confirmed) PTR name; it
            // cannot tell a missing record from a failed lookup.
            return found == null || found.equals(address.getHostAddress()) ? new ReverseDns(List.of(), null)
                    : new ReverseDns(List.of(found), null);
        } catch (TimeoutException e) {
            return new ReverseDns(List.of(), "reverse lookup timed out after " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            return new ReverseDns(List.of(), "reverse lookup failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ReverseDns(List.of(), "reverse lookup interrupted");
        }
    }

    private static String canonicalName(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress()).getCanonicalHostName();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
