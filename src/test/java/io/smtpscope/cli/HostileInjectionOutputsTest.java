package io.smtpscope.cli;

import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.probe.InjectionServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The starttls_injection evidence quotes what a hostile server sent (plaintext after its 220, replies inside TLS):
 * terminal escapes, C1 controls, markup and spreadsheet formulas. Every writer of the scan shows it escaped.
 */
class HostileInjectionOutputsTest {
    private static final String PLAINTEXT = "250 <script>alert(1)</script>\u001b]0;pwned\u0007\u009b2J\r\n";
    private static final String TLS_REPLY = "250 =cmd|'/C calc'!A0 <img src=x onerror=alert(2)>\u001b[2J\r\n";

    @TempDir
    static Path dir;

    private static ScriptedSmtpServer server;
    private static final Map<String, String> outputs = new LinkedHashMap<>();

    @BeforeAll
    static void scan() throws Exception {
        server = InjectionServers.executesWithHostileText(PLAINTEXT, TLS_REPLY);
        Path profile = Files.writeString(dir.resolve("injection.yaml"), """
                name: injection
                extends: quick
                vulnerability_checks: [starttls_injection]
                """);
        CliRun run = CliRun.of("scan", "127.0.0.1:" + server.port() + "/starttls", "--profile", profile.toString(),
                "--no-history", "--json", dir.resolve("scan.json").toString(), "--csv", dir.resolve("scan.csv").toString(),
                "--csv-findings", dir.resolve("findings.csv").toString(), "--html", dir.resolve("scan.html").toString());
        assertEquals(ExitCodes.FINDINGS, run.exit(), run::toString);
        outputs.put("console", run.out());
        outputs.put("stderr", run.err());
        for (String file : List.of("scan.json", "scan.csv", "findings.csv", "scan.html")) {
            outputs.put(file, Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theCheckSawTheInjectionAndEveryOutputShowsIt() {
        for (String name : List.of("console", "scan.json", "scan.csv", "findings.csv", "scan.html")) {
            assertTrue(outputs.get(name).contains("VULN_STARTTLS_INJECTION") || outputs.get(name).contains("starttls_injection"),
                    name + ": " + outputs.get(name));
        }
        assertTrue(outputs.get("console").contains("alert(1)"), "the plaintext evidence is shown: " + outputs.get("console"));
    }

    @Test
    void noOutputHoldsARawControlCharacter() {
        for (Map.Entry<String, String> output : outputs.entrySet()) {
            String text = output.getValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' || c == 0x7f || c >= 0x80 && c < 0xa0) {
                    fail(output.getKey() + " holds U+" + String.format("%04X", (int) c) + " raw");
                }
            }
        }
    }

    @Test
    void theHtmlReportCarriesNoServerMarkup() {
        String html = outputs.get("scan.html");
        assertFalse(html.contains("<script>alert(1)"), "server text is escaped in HTML");
        assertFalse(html.contains("<img src=x"), "server text is escaped in HTML");
        assertTrue(html.contains("&lt;script&gt;alert(1)"), "and still shown");
    }

    @Test
    void noCsvCellStartsWithAFormula() {
        for (String csv : List.of(outputs.get("scan.csv"), outputs.get("findings.csv"))) {
            for (String line : csv.split("\r\n")) {
                for (String cell : line.split(",")) {
                    String bare = cell.startsWith("\"") ? cell.substring(1) : cell;
                    assertFalse(bare.startsWith("=") || bare.startsWith("+") || bare.startsWith("@"),
                            "a cell starts with a formula character: " + cell);
                }
            }
        }
    }
}
