package io.smtpscope.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.cli.Cli;
import io.smtpscope.report.Json;
import io.smtpscope.report.ReportSchema;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One scan, through the CLI, of every test mail domain of src/test/setup/50-dns.sh with {@code --dns-server} (the
 * validating Unbound) and {@code --trust-anchor} (the test zone's DS), shared by the tests that read it.
 */
final class TestZoneScan {
    static final List<String> DOMAINS = List.of("ee", "ta", "nomatch", "rollover", "cname", "pkix", "unsigned", "expired",
            "badtlsa");
    private static JsonNode report;
    private static String stderr;

    private TestZoneScan() {
    }

    static synchronized JsonNode report(DnsFixture dns, PostfixFixture postfix) throws IOException {
        if (report != null) {
            return report;
        }
        List<String> args = new ArrayList<>(List.of("scan", "--no-history", "--json", "-", "--allow-private-mx",
                "--dns-server", dns.resolver(), "--trust-anchor", dns.trustAnchor().toString(),
                "--ca-file", postfix.get("ca_file")));
        DOMAINS.forEach(d -> args.addAll(List.of("--mx", dns.domain(d))));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        stderr = err.toString();
        JsonNode json = Json.mapper().readTree(out.toString());
        // The domains section of a real scan must be fully described by the committed schema.
        ReportSchema.assertValid(json);
        report = json;
        return report;
    }

    static String stderr() {
        return stderr;
    }

    static JsonNode domain(JsonNode report, String name) {
        for (JsonNode d : report.get("domains")) {
            if (d.get("domain").asText().equals(name)) {
                return d;
            }
        }
        throw new AssertionError("no domain " + name + " in the report; stderr: " + stderr);
    }

    /** The endpoints reached through {@code domain}'s MX records. */
    static List<JsonNode> endpoints(JsonNode report, String domain) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : report.get("endpoints")) {
            if (e.hasNonNull("mx") && e.get("mx").get("domain").asText().equals(domain) && e.get("mx").hasNonNull("host")) {
                out.add(e);
            }
        }
        assertTrue(!out.isEmpty(), () -> "no endpoint for " + domain + "; stderr: " + stderr);
        return out;
    }

    static List<String> ids(JsonNode findings) {
        return StreamSupport.stream(findings.spliterator(), false).map(f -> f.get("id").asText()).toList();
    }
}
