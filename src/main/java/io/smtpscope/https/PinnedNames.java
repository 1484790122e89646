package io.smtpscope.https;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The JDK's resolver with a few names pinned to addresses the scan found itself. The JDK HTTP client has no
 * resolver of its own: it asks {@link InetAddress}, which asks the process's {@link InetAddressResolverProvider}.
 * When the user names a DNS server ({@code --dns-server}) the policy host must be found through that server, not
 * the system's; the fetcher resolves it with dnsjava first (bounded by the DNS client's timeouts) and pins the
 * answer here for the length of one fetch. Every name not pinned goes to the JDK's built-in resolver unchanged, so
 * the rest of the process behaves as without this provider.
 *
 * <p>Registered in {@code META-INF/services/java.net.spi.InetAddressResolverProvider}. The JDK caches positive
 * answers for 30 s in front of any provider: a host looked up through the system resolver in that window keeps
 * its system answer (one scan asks for each policy host once, so this does not arise in a scan).
 */
public final class PinnedNames extends InetAddressResolverProvider {
    private static final Map<String, List<Pin>> PINS = new ConcurrentHashMap<>();

    /** One pin; closing it removes it (pins of the same name stack, the newest answers). */
    public static final class Pin implements AutoCloseable {
        private final String host;
        private final List<InetAddress> addresses;

        private Pin(String host, List<InetAddress> addresses) {
            this.host = host;
            this.addresses = addresses;
        }

        @Override
        public void close() {
            PINS.computeIfPresent(host, (k, pins) -> {
                pins.remove(this);
                return pins.isEmpty() ? null : pins;
            });
        }
    }

    /** Pins {@code host} to {@code addresses} (copied, each re-labelled with the host name) until the pin is closed. */
    public static Pin pin(String host, List<InetAddress> addresses) {
        String key = key(host);
        List<InetAddress> labelled = addresses.stream().map(a -> relabel(key, a)).toList();
        Pin pin = new Pin(key, labelled);
        PINS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(pin);
        return pin;
    }

    static List<InetAddress> pinned(String host) {
        List<Pin> pins = PINS.get(key(host));
        if (pins == null || pins.isEmpty()) {
            return null;
        }
        return pins.get(pins.size() - 1).addresses;
    }

    private static String key(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static InetAddress relabel(String host, InetAddress address) {
        try {
            return InetAddress.getByAddress(host, address.getAddress()); // no lookup: the bytes are given
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtIn = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                List<InetAddress> addresses = pinned(host);
                if (addresses == null) {
                    return builtIn.lookupByName(host, policy);
                }
                int characteristics = policy.characteristics();
                boolean v4 = (characteristics & LookupPolicy.IPV6) == 0 || (characteristics & LookupPolicy.IPV4) != 0;
                boolean v6 = (characteristics & LookupPolicy.IPV4) == 0 || (characteristics & LookupPolicy.IPV6) != 0;
                List<InetAddress> allowed = addresses.stream()
                        .filter(a -> a instanceof java.net.Inet4Address ? v4 : v6).toList();
                if (allowed.isEmpty()) {
                    throw new UnknownHostException(host + ": no address of the requested family");
                }
                return allowed.stream();
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtIn.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "smtpscope pinned names";
    }
}
