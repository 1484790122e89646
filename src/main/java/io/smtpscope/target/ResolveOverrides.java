package io.smtpscope.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --resolve NAME:ADDRESS} pins, like curl's: the scanner connects to ADDRESS but checks the
 * certificate against NAME and sends NAME as SNI. A name may be pinned to several addresses.
 */
public final class ResolveOverrides {
    private final Map<String, List<InetAddress>> pins = new LinkedHashMap<>();

    public static ResolveOverrides none() {
        return new ResolveOverrides();
    }

    public static ResolveOverrides parse(List<String> specs) {
        ResolveOverrides overrides = new ResolveOverrides();
        for (String spec : specs) {
            overrides.add(spec);
        }
        return overrides;
    }

    /** Parses {@code NAME:ADDRESS}; ADDRESS may be IPv4, {@code [IPv6]} or bare IPv6. */
    public void add(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("--resolve expects NAME:ADDRESS, got '" + spec + "'");
        }
        String name = HostSyntax.toAsciiHostName(spec.substring(0, colon));
        String address = spec.substring(colon + 1);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (!HostSyntax.isIpLiteral(address)) {
            throw new IllegalArgumentException("--resolve " + spec + ": '" + address + "' is not an IP address");
        }
        try {
            // An IP literal never triggers a DNS lookup.
            pins.computeIfAbsent(name, n -> new ArrayList<>()).add(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--resolve " + spec + ": " + e.getMessage());
        }
    }

    public Optional<List<InetAddress>> lookup(String name) {
        return Optional.ofNullable(pins.get(name));
    }
}
