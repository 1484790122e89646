package io.smtpscope.cert;

import io.smtpscope.demo.DemoPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6125 section 6 (and RFC 7817 for SMTP) on certificates made by the demo CA. */
class HostnameMatcherTest {
    private static DemoPki pki;

    @BeforeAll
    static void ca() {
        pki = new DemoPki("matcher test CA");
    }

    private static X509Certificate cert(String... names) {
        return pki.issue(List.of(names), Duration.ofDays(30)).leaf();
    }

    /** A leaf with exactly this subject and these subjectAltName entries (none: no extension, for the CN fallback). */
    private static X509Certificate leaf(String subjectDn, String... sans) {
        return pki.certificate().subject(subjectDn).names(sans).issue().leaf();
    }

    @Test
    void exactNameCaseInsensitiveAndTrailingDot() {
        X509Certificate c = cert("mail.example.com", "smtp.example.com");
        assertTrue(HostnameMatcher.matches("mail.example.com", c));
        assertTrue(HostnameMatcher.matches("smtp.example.com", c));
        assertTrue(HostnameMatcher.matches("MAIL.Example.COM", c));
        assertTrue(HostnameMatcher.matches("mail.example.com.", c));
        assertFalse(HostnameMatcher.matches("example.com", c));
        assertFalse(HostnameMatcher.matches("mx.mail.example.com", c));
        assertFalse(HostnameMatcher.matches("mail.example.co", c));
        assertTrue(HostnameMatcher.matches("mail.example.com", cert("MAIL.EXAMPLE.COM.")), "presented name with dot and capitals");
    }

    @Test
    void wildcardCoversExactlyOneLabel() {
        X509Certificate c = cert("*.example.com");
        assertTrue(HostnameMatcher.matches("mail.example.com", c));
        assertTrue(HostnameMatcher.matches("MX1.example.com", c));
        assertFalse(HostnameMatcher.matches("example.com", c), "the wildcard needs a label");
        assertFalse(HostnameMatcher.matches("a.mail.example.com", c), "one label only");
        assertFalse(HostnameMatcher.matches("mail.example.org", c));
    }

    @Test
    void wildcardOverAPublicSuffixAloneIsRejected() {
        assertFalse(HostnameMatcher.matches("example.com", cert("*.com")));
        assertFalse(HostnameMatcher.matchesPattern("example.com", "*.com"));
        assertFalse(HostnameMatcher.matchesPattern("a.b.example.com", "*.*.example.com"));
    }

    @Test
    void partialLabelWildcardsAreNotHonoured() {
        assertFalse(HostnameMatcher.matches("mail1.example.com", cert("mail*.example.com")));
        assertFalse(HostnameMatcher.matches("foo.example.com", cert("f*o.example.com")));
        assertFalse(HostnameMatcher.matches("mail.example.com", cert("*mail.example.com")));
        assertFalse(HostnameMatcher.matchesPattern("mail.example.com", "mail.*.com"));
    }

    @Test
    void wildcardNeverStandsForAnALabel() {
        X509Certificate c = cert("*.example.com");
        assertFalse(HostnameMatcher.matches("xn--bcher-kva.example.com", c));
        assertFalse(HostnameMatcher.matches("bücher.example.com", c), "the U-label form is converted first, then refused");
        assertTrue(HostnameMatcher.matches("xn--bcher-kva.example.com", cert("xn--bcher-kva.example.com")));
    }

    @Test
    void unicodeHostMatchesItsALabelSan() {
        X509Certificate c = cert("xn--bcher-kva.example", "mail.xn--mnchen-3ya.test");
        assertTrue(HostnameMatcher.matches("bücher.example", c));
        assertTrue(HostnameMatcher.matches("mail.münchen.test", c));
        assertTrue(HostnameMatcher.matches("MAIL.MÜNCHEN.TEST", c));
        assertFalse(HostnameMatcher.matches("bucher.example", c));
        assertTrue(HostnameMatcher.matches("wildcard.xn--mnchen-3ya.test", cert("*.xn--mnchen-3ya.test")),
                "an A-label in the suffix is fine; only the wildcard label may not be one");
    }

    @Test
    void ipAddressesMatchOnlyIpSans() {
        X509Certificate c = cert("mail.example.com", "127.0.0.1", "2001:db8::25");
        assertTrue(HostnameMatcher.matches("127.0.0.1", c));
        assertTrue(HostnameMatcher.matches("2001:db8::25", c));
        assertTrue(HostnameMatcher.matches("2001:0db8:0:0:0:0:0:25", c), "IPv6 compares as an address, not as text");
        assertFalse(HostnameMatcher.matches("127.0.0.2", c));
        assertFalse(HostnameMatcher.matches("::1", c));
        // An address written as a DNS name does not count as an iPAddress SAN.
        assertFalse(HostnameMatcher.matches("192.0.2.7", leaf("CN=192.0.2.7", "DNS:192.0.2.7")));
        assertFalse(HostnameMatcher.matches("192.0.2.7", leaf("CN=192.0.2.7")), "nor does the CN");
        assertTrue(HostnameMatcher.matches("192.0.2.7", leaf("CN=x", "IP:192.0.2.7")));
    }

    @Test
    void commonNameIsUsedOnlyWithoutDnsSans() {
        X509Certificate cnOnly = leaf("CN=legacy.example.com,O=Legacy");
        assertTrue(HostnameMatcher.matches("legacy.example.com", cnOnly));
        assertFalse(HostnameMatcher.matches("other.example.com", cnOnly));
        assertTrue(HostnameMatcher.matches("a.example.com", leaf("CN=*.example.com")));

        X509Certificate both = leaf("CN=legacy.example.com", "new.example.com");
        assertTrue(HostnameMatcher.matches("new.example.com", both));
        assertFalse(HostnameMatcher.matches("legacy.example.com", both), "CN is ignored once a DNS-ID exists");

        X509Certificate ipSanOnly = leaf("CN=legacy.example.com", "IP:192.0.2.1");
        assertTrue(HostnameMatcher.matches("legacy.example.com", ipSanOnly), "an IP SAN is not a DNS-ID: CN still applies");
    }

    @Test
    void invalidNamesNeverMatch() {
        X509Certificate c = cert("mail.example.com");
        assertFalse(HostnameMatcher.matches("", c));
        assertFalse(HostnameMatcher.matches("mail..example.com", c));
        assertFalse(HostnameMatcher.matches("mail example.com", c));
    }
}
