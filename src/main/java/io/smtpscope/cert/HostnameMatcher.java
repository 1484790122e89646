package io.smtpscope.cert;

import io.smtpscope.target.HostSyntax;

import javax.security.auth.x500.X500Principal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Server identity check per RFC 6125 (and RFC 7817 for SMTP): DNS-ID in subjectAltName, the common
 * name only when there is no DNS-ID at all; a wildcard is the whole left-most label and matches exactly
 * one label, never a public suffix alone or an A-label; IP addresses match only iPAddress SANs.
 */
public final class HostnameMatcher {
    private HostnameMatcher() {
    }

    public static boolean matches(String name, X509Certificate certificate) {
        if (HostSyntax.isIpLiteral(name)) {
            return matchesAddress(name, certificate);
        }
        String host;
        try {
            host = HostSyntax.toAsciiHostName(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
        List<String> dnsIds = sans(certificate, 2);
        if (dnsIds.isEmpty()) {
            String cn = commonName(certificate.getSubjectX500Principal());
            return cn != null && matchesPattern(host, cn);
        }
        return dnsIds.stream().anyMatch(pattern -> matchesPattern(host, pattern));
    }

    /** Matches an ASCII host name against one presented identifier, which may hold a wildcard. */
    public static boolean matchesPattern(String host, String presented) {
        String pattern = presented.toLowerCase(Locale.ROOT);
        if (pattern.endsWith(".")) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        if (!pattern.startsWith("*.")) {
            if (pattern.contains("*")) {
                return false; // partial-label wildcards (f*o.example.com) are not honoured: RFC 6125 section 7.2
            }
            try {
                return HostSyntax.toAsciiHostName(pattern).equals(host);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        String suffix = pattern.substring(2);
        if (suffix.contains("*") || suffix.indexOf('.') < 0) {
            return false; // "*.com" or nested wildcards
        }
        int dot = host.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String firstLabel = host.substring(0, dot);
        if (firstLabel.startsWith("xn--")) {
            return false; // a wildcard never stands for an internationalised label
        }
        return host.substring(dot + 1).equals(suffix);
    }

    private static boolean matchesAddress(String name, X509Certificate certificate) {
        try {
            InetAddress wanted = InetAddress.getByName(name);
            for (String san : sans(certificate, 7)) {
                if (InetAddress.getByName(san).equals(wanted)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    /** SAN values of one GeneralName type (2 dNSName, 7 iPAddress); a malformed extension yields none. */
    static List<String> sans(X509Certificate certificate, int type) {
        List<String> values = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> entry : names) {
                    if (entry.size() >= 2 && entry.get(0) instanceof Integer t && t == type && entry.get(1) instanceof String s) {
                        values.add(s);
                    }
                }
            }
        } catch (CertificateParsingException | RuntimeException e) {
            return List.of();
        }
        return values;
    }

    static String commonName(X500Principal principal) {
        try {
            var ldap = new javax.naming.ldap.LdapName(principal.getName(X500Principal.RFC2253));
            for (var rdn : ldap.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }
}
