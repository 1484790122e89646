package io.smtpscope.reproduce;

import io.smtpscope.target.HostSyntax;
import io.smtpscope.target.Mode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commands an admin types to repeat one step by hand: {@code openssl s_client} for the TLS session
 * (or {@code nc} for plain SMTP) and the matching {@code swaks} line. They target the exact address that
 * was probed and send the checked name as SNI, so the hand-made session meets the same server.
 */
public final class ManualCommands {
    /** What the by-hand session should go as far as. */
    public enum Step { SCAN, LOGIN, SEND }

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

    /**
     * @param address the address connected to (IPv4 or IPv6 literal)
     * @param name    the name checked in the certificate and sent as SNI; may be null or a literal
     * @param user    the AUTH user for LOGIN/SEND (never a secret), else null
     */
    public record Request(String address, int port, Mode mode, String name, Step step, String user, String mechanism,
                          String from, List<String> to, List<String> attachments) {
        public Request {
            to = to == null ? List.of() : List.copyOf(to);
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }

        public static Request scan(String address, int port, Mode mode, String name) {
            return new Request(address, port, mode, name, Step.SCAN, null, null, null, List.of(), List.of());
        }
    }

    private ManualCommands() {
    }

    public static List<String> of(Request r) {
        List<String> out = new ArrayList<>();
        out.add(session(r));
        out.add(swaks(r));
        return List.copyOf(out);
    }

    private static String session(Request r) {
        boolean sni = r.name() != null && !HostSyntax.isIpLiteral(r.name());
        String servername = sni ? " -servername " + quote(r.name()) : "";
        String connect = hostPort(r.address(), r.port());
        return switch (r.mode()) {
            // -crlf: SMTP lines end in CRLF (RFC 5321 section 2.3.8); a bare LF is refused by strict servers.
            case STARTTLS -> "openssl s_client -starttls smtp -connect " + connect + servername + " -crlf";
            case IMPLICIT_TLS -> "openssl s_client -connect " + connect + servername + " -crlf";
            case PLAIN -> "nc -C " + bare(r.address()) + " " + r.port();
        };
    }

    private static String swaks(Request r) {
        StringBuilder s = new StringBuilder("swaks");
        if (HostSyntax.isIpv6(bare(r.address()))) {
            s.append(" --server ").append(quote("[" + bare(r.address()) + "]:" + r.port()));
        } else {
            s.append(" --server ").append(quote(r.address())).append(" --port ").append(r.port());
        }
        switch (r.mode()) {
            case STARTTLS -> s.append(" --tls");
            case IMPLICIT_TLS -> s.append(" --tlsc");
            case PLAIN -> { }
        }
        if (r.name() != null && !HostSyntax.isIpLiteral(r.name()) && r.mode() != Mode.PLAIN) {
            s.append(" --tls-sni ").append(quote(r.name()));
        }
        if (r.user() != null) {
            // No --auth-password: swaks then prompts for it, so it never lands in shell history or ps.
            s.append(" --auth ").append(r.mechanism() != null ? r.mechanism() : "").append(r.mechanism() != null ? " " : "")
                    .append("--auth-user ").append(quote(r.user()));
        }
        switch (r.step()) {
            case SCAN -> s.append(" --quit-after EHLO");
            case LOGIN -> s.append(" --quit-after AUTH");
            case SEND -> {
                if (r.from() != null) {
                    s.append(" --from ").append(quote(r.from()));
                }
                if (!r.to().isEmpty()) {
                    s.append(" --to ").append(quote(String.join(",", r.to())));
                }
                r.attachments().forEach(a -> s.append(" --attach @").append(quote(a)));
            }
        }
        return s.toString();
    }

    /** {@code [2001:db8::1]:25} for IPv6, {@code host:25} otherwise (the form openssl -connect takes). */
    static String hostPort(String address, int port) {
        String host = bare(address);
        // Quoted for IPv6: brackets are a glob pattern to the shell.
        return HostSyntax.isIpv6(host) ? quote("[" + host + "]:" + port) : quote(host) + ":" + port;
    }

    private static String bare(String address) {
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }

    /** POSIX shell single quotes when needed; values come from the command line or the report. */
    static String quote(String value) {
        if (SHELL_SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
