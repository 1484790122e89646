package io.smtpscope.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scan's DANE and DNSSEC verdicts on the test zones against independent implementations on the same zones and
 * servers: posttls-finger (Postfix's own DANE client, through the validating Unbound), ldns-dane (TLSA matching of
 * the chain the test Postfix sends, signatures chased from the test anchor) and delv (BIND's validator). Where an
 * oracle answers differently by design, the test says why and checks what the difference must be.
 */
class DaneOracleTest {
    private static final long TOOL_SECONDS = 30;
    private DnsFixture dns;
    private PostfixFixture postfix;
    private JsonNode report;
    @TempDir
    Path tmp;

    @BeforeEach
    void scan() throws Exception {
        dns = RealServices.dns();
        postfix = RealServices.postfix();
        report = TestZoneScan.report(dns, postfix);
    }

    /** delv validates on its own from the same anchor: its state of each MX host's A RRset and each TLSA RRset. */
    @Test
    void dnssecStatesAgreeWithDelv() throws Exception {
        RealServices.requireDns(onPath("delv"), "delv is not installed (package bind9-dnsutils)");
        Path anchor = Path.of(dns.property("trust_anchor_bind"));
        for (String label : TestZoneScan.DOMAINS) {
            JsonNode domain = TestZoneScan.domain(report, dns.domain(label));
            String ours = domain.get("dnssec").get("mx").asText();
            assertEquals(ours, delvState(anchor, dns.domain(label), "MX"), () -> label + ": MX state");
            for (JsonNode host : domain.get("dane").get("hosts")) {
                assertEquals(host.get("addresses").asText(), delvState(anchor, host.get("host").asText(), "A"),
                        () -> label + ": A state of " + host.get("host"));
                if (host.hasNonNull("tlsa_dnssec") && (host.get("records").size() > 0
                        || host.get("tlsa_dnssec").asText().equals("bogus"))) {
                    assertEquals(host.get("tlsa_dnssec").asText(), delvState(anchor, host.get("tlsa_name").asText(), "TLSA"),
                            () -> label + ": TLSA state of " + host.get("tlsa_name"));
                }
            }
        }
    }

    private String delvState(Path anchor, String name, String type) throws Exception {
        String out = run(List.of("delv", "@" + dns.resolver(), "-a", anchor.toString(), "+root=" + dns.property("apex"),
                name, type));
        if (out.contains("; fully validated")) {
            return "secure";
        }
        if (out.contains("; unsigned answer")) {
            return "insecure";
        }
        if (out.contains("resolution failed")) {
            return "bogus"; // delv says only "failure"; with a working resolver and an existing name that is a validation failure
        }
        return "unclear: " + out;
    }

    /**
     * Postfix's DANE client on each test domain, with the system resolver pointed at the validating Unbound in a
     * private mount namespace (needs root). "Verified" is our authenticated; "Untrusted" with "no matching DANE TLSA
     * records" is our no-match; a domain without usable secure TLSA is Untrusted (not authenticated) in both.
     */
    @Test
    void daneVerdictsAgreeWithPosttlsFinger() throws Exception {
        RealServices.requireDns(onPath("posttls-finger") && onPath("unshare"), "posttls-finger or unshare is missing");
        RealServices.requireDns("0".equals(run(List.of("id", "-u")).strip()),
                "posttls-finger needs root here: it reads the resolver from a bind-mounted resolv.conf in a private mount namespace");
        Path resolvConf = tmp.resolve("resolv.conf");
        // trust-ad: without it glibc clears the AD bit, and Postfix would see no DNSSEC at all.
        Files.writeString(resolvConf, "nameserver " + dns.resolver() + "\noptions edns0 trust-ad\n");
        for (String label : TestZoneScan.DOMAINS) {
            String out = run(List.of("unshare", "-m", "sh", "-c",
                    "mount --bind \"$0\" /etc/resolv.conf && exec posttls-finger -c -l dane -o dnssec_probe= \"$1\"",
                    resolvConf.toString(), dns.domain(label)));
            JsonNode domain = TestZoneScan.domain(report, dns.domain(label));
            if (domain.get("dnssec").get("mx").asText().equals("bogus")) {
                // Our bogus MX answer is a failed lookup for Postfix: it cannot find the domain's mail hosts.
                assertTrue(out.contains("lookup failed") || out.contains("not found"), () -> label + ": " + out);
                continue;
            }
            String outcome = TestZoneScan.endpoints(report, dns.domain(label)).get(0).get("dane").get("outcome").asText();
            switch (outcome) {
                case "authenticated" -> assertTrue(out.contains("Verified TLS connection established")
                        && out.contains("Matched DANE"), () -> label + " (ours: authenticated): " + out);
                case "no-match" -> assertTrue(out.contains("no matching DANE TLSA records")
                        && out.contains("Untrusted TLS connection"), () -> label + " (ours: no-match): " + out);
                case "not-authenticated", "not-applicable" -> assertTrue(!out.contains("Matched DANE")
                        && out.contains("Untrusted TLS connection"), () -> label + " (ours: " + outcome + "): " + out);
                case "unreachable" -> assertTrue(out.contains("TLSA lookup error") && !out.contains("TLS connection established"),
                        () -> label + " (ours: unreachable): " + out);
                default -> throw new AssertionError(label + ": outcome " + outcome + " has no posttls-finger counterpart here");
            }
        }
    }

    /**
     * ldns-dane matches the TLSA records at each host's TLSA base name against the chain the test Postfix sends over
     * STARTTLS (captured with openssl s_client), chasing signatures from the test anchor. Differences by design:
     * ldns-dane applies usage 1 (PKIX-EE) as RFC 6698 says, which SMTP ignores (RFC 7672 section 3.1.3), so pkix is
     * not compared on the match; ldns-dane does not follow an MX CNAME (RFC 7672 section 2.2.2), so it is asked
     * at the TLSA base name our scan found; and its signature chasing calls a TLSA RRset with expired signatures
     * "insecure" where delv and our validator say bogus, so bogus TLSA is compared with delv (above) instead.
     */
    @Test
    void tlsaMatchesAgreeWithLdnsDane() throws Exception {
        RealServices.requireDns(onPath("ldns-dane") && onPath("openssl"), "ldns-dane (ldnsutils) or openssl is missing");
        Path chain = tmp.resolve("chain.pem");
        Files.writeString(chain, servedChain());
        assertTrue(Files.readString(chain).contains("BEGIN CERTIFICATE"), "openssl captured no chain from the test Postfix");
        for (String label : TestZoneScan.DOMAINS) {
            JsonNode domain = TestZoneScan.domain(report, dns.domain(label));
            for (JsonNode host : domain.get("dane").get("hosts")) {
                if (!host.get("status").asText().equals("usable")) {
                    continue;
                }
                String base = host.get("tlsa_name").asText().replaceFirst("^_25\\._tcp\\.", "");
                // -n: no name check (DANE-EE has none; our DANE-TA name check is covered by posttls-finger).
                String out = run(List.of("ldns-dane", "-n", "-r", dns.resolver(), "-k", dns.trustAnchor().toString(), "-S",
                        "-c", chain.toString(), "verify", base, "25"));
                boolean ours = TestZoneScan.endpoints(report, dns.domain(label)).get(0).get("dane").get("outcome").asText()
                        .equals("authenticated");
                assertEquals(ours, out.contains("dane-validated successfully"), () -> label + " at " + base + ": " + out);
                if (!ours) {
                    assertTrue(out.contains("no matching DANE TLSA records"), () -> label + ": " + out);
                }
            }
        }
    }

    private String servedChain() throws Exception {
        String out = run(List.of("sh", "-c", "openssl s_client -connect \"$0\" -starttls smtp -showcerts </dev/null 2>/dev/null",
                postfix.get("host") + ":" + postfix.get("smtp_port")));
        StringBuilder pem = new StringBuilder();
        boolean in = false;
        for (String line : out.split("\n")) {
            in = in || line.startsWith("-----BEGIN CERTIFICATE");
            if (in) {
                pem.append(line).append('\n');
            }
            in = in && !line.startsWith("-----END CERTIFICATE");
        }
        return pem.toString();
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    /** Output and errors of {@code command}, bounded in time; the tools exit non-zero on failures we compare. */
    static String run(List<String> command) throws IOException, InterruptedException {
        List<String> withPath = new ArrayList<>(command);
        ProcessBuilder builder = new ProcessBuilder(withPath).redirectErrorStream(true);
        builder.environment().put("PATH", builder.environment().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
        Process p = builder.start();
        byte[] out;
        if (!p.waitFor(TOOL_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in " + TOOL_SECONDS + " s");
        }
        out = p.getInputStream().readAllBytes();
        return new String(out, StandardCharsets.UTF_8);
    }
}
