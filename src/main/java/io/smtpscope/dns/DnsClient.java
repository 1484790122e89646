package io.smtpscope.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one DNS question to a list of servers, each attempt bounded by a timeout, at most {@code attempts}
 * rounds over the servers: a lookup never takes longer than attempts x servers x timeout. No cache, no search
 * list: the name asked is the name given (absolute).
 */
public final class DnsClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_ATTEMPTS = 2;
    private static final int MAX_SERVERS = 4;

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final int attempts;

    public DnsClient(List<InetSocketAddress> servers, Duration timeout, int attempts) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server to ask");
        }
        if (attempts < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout and attempts must be positive");
        }
        this.servers = List.copyOf(servers.subList(0, Math.min(servers.size(), MAX_SERVERS)));
        this.timeout = timeout;
        this.attempts = attempts;
    }

    /** The resolvers of this system as dnsjava reads them (resolv.conf, or the platform's equivalent). */
    public static DnsClient system() {
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        if (servers.isEmpty()) {
            throw new IllegalStateException("this system has no DNS resolver configured; use --dns-server HOST[:PORT]");
        }
        return new DnsClient(servers, DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS);
    }

    /** {@code HOST[:PORT]}, {@code [IPv6]:PORT} or a bare IPv6 address; HOST must be an IP address (no DNS to find DNS). */
    public static InetSocketAddress parseServer(String spec) {
        String host = spec;
        int port = 53;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("--dns-server " + spec + ": missing ']'");
            }
            host = spec.substring(1, close);
            String rest = spec.substring(close + 1);
            if (!rest.isEmpty()) {
                port = port(rest.startsWith(":") ? rest.substring(1) : rest, spec);
            }
        } else if (spec.indexOf(':') >= 0 && spec.indexOf(':') == spec.lastIndexOf(':')) {
            host = spec.substring(0, spec.indexOf(':'));
            port = port(spec.substring(spec.indexOf(':') + 1), spec);
        }
        if (!io.smtpscope.target.HostSyntax.isIpLiteral(host)) {
            throw new IllegalArgumentException("--dns-server " + spec + ": '" + host + "' is not an IP address");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--dns-server " + spec + ": " + e.getMessage());
        }
    }

    private static int port(String text, String spec) {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("--dns-server " + spec + ": invalid port '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    /** The answer to {@code name}/{@code type}, whatever its rcode; an IOException when no server answered in time. */
    public Message query(String name, int type) throws IOException {
        Message question = Message.newQuery(Record.newRecord(absolute(name), type, DClass.IN));
        IOException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            for (InetSocketAddress server : servers) {
                SimpleResolver resolver = new SimpleResolver(server);
                resolver.setTimeout(timeout);
                try {
                    return resolver.send(question);
                } catch (IOException e) {
                    last = e;
                }
            }
        }
        throw new IOException("no answer from " + describeServers() + " in " + attempts + " attempt(s) of "
                + timeout.toMillis() + " ms (" + why(last) + ")", last);
    }

    /** dnsjava reports a timeout as a plain IOException "Timed out while trying to resolve ...". */
    private static String why(IOException last) {
        String message = last == null || last.getMessage() == null ? "" : last.getMessage();
        if (last == null || last instanceof java.net.SocketTimeoutException || message.startsWith("Timed out")) {
            return "timed out";
        }
        if (last instanceof java.net.PortUnreachableException) {
            return "port unreachable: no DNS server listens there";
        }
        return message.isEmpty() ? last.getClass().getSimpleName() : message;
    }

    /** A and AAAA addresses of {@code host}, A first; UnknownHostException naming the rcode when there are none. */
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            try {
                Message answer = query(host, type);
                int rcode = answer.getRcode();
                if (rcode != Rcode.NOERROR) {
                    problems.add(Type.string(type) + " lookup: " + Rcode.string(rcode));
                    if (rcode == Rcode.NXDOMAIN) {
                        break; // the name does not exist: AAAA cannot exist either
                    }
                    continue;
                }
                for (Record r : answer.getSection(Section.ANSWER)) {
                    if (r instanceof ARecord a) {
                        out.add(a.getAddress());
                    } else if (r instanceof AAAARecord aaaa) {
                        out.add(aaaa.getAddress());
                    }
                }
            } catch (IOException e) {
                problems.add(Type.string(type) + " lookup: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new UnknownHostException(problems.isEmpty() ? "no A or AAAA record" : String.join("; ", problems));
        }
        return List.copyOf(out);
    }

    /** The servers asked, at most four. */
    public List<InetSocketAddress> servers() {
        return servers;
    }

    public Duration timeout() {
        return timeout;
    }

    public int attempts() {
        return attempts;
    }

    public String describeServers() {
        return servers.stream().map(s -> s.getAddress().getHostAddress() + ":" + s.getPort())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    static Name absolute(String name) throws TextParseException {
        return Name.fromString(name.endsWith(".") ? name : name + ".");
    }
}
