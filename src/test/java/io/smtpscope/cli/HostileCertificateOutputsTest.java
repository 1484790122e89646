package io.smtpscope.cli;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A certificate whose subject, issuer and subjectAltName carry terminal escapes (an OSC that sets the window title,
 * ending in BEL; a CSI that clears the screen; a C1 CSI), bidi overrides and zero-width characters: no writer may pass
 * one of them on raw, to a terminal, a spreadsheet, a browser or a log pipeline. Every writer of a scan (console
 * summary, JSON, JSONL, endpoints CSV, findings CSV, HTML) and the login console and JSON are checked.
 */
class HostileCertificateOutputsTest {
    private static final String NAME = "mail.hostile.test";
    private static final String SUBJECT_CN = "mail\u001b]0;pwned\u0007\u001b[2J\u202egnp.exe\u200b\u2066";
    private static final String ISSUER_CN = "Evil\u009b31m CA\u200d\u2028\ufeff";
    /** A dNSName is an IA5String: ASCII only, so the controls here are C0 ones. */
    private static final String SAN = "DNS:mail\u001b[2J\u0007.hostile.test";

    @TempDir
    static Path dir;

    private static ScriptedSmtpServer server;
    private static Path ca;
    private static final Map<String, String> outputs = new LinkedHashMap<>();

    @BeforeAll
    static void scanAndLogIn() throws Exception {
        DemoPki pki = new DemoPki("smtpscope test CA");
        ca = dir.resolve("ca.pem");
        pki.writeCaPem(ca);
        DemoPki.KeyMaterial hostile = pki.certificate(NAME).subjectCommonName(SUBJECT_CN).issuerCommonName(ISSUER_CN)
                .names(SAN, "DNS:other.hostile.test").issue();
        server = new ScriptedSmtpServer(ServerScript.wellBehaved(NAME, DemoPki.serverContext(hostile), false));
        List<String> scan = new ArrayList<>(List.of("scan", NAME + ":" + server.port() + "/starttls", "--resolve", NAME + ":127.0.0.1",
                "--ca-file", ca.toString(), "--ca-only", "--no-history"));
        for (String[] output : new String[][]{{"--json", "scan.json"}, {"--jsonl", "scan.jsonl"}, {"--csv", "scan.csv"},
                {"--csv-findings", "findings.csv"}, {"--html", "scan.html"}}) {
            scan.addAll(List.of(output[0], dir.resolve(output[1]).toString()));
        }
        CliRun run = CliRun.of(scan);
        outputs.put("scan console", run.out());
        outputs.put("scan stderr", run.err());
        for (String file : List.of("scan.json", "scan.jsonl", "scan.csv", "findings.csv", "scan.html")) {
            outputs.put(file, Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
        }
        Path password = Files.writeString(dir.resolve("pw"), "not-sent\n");
        CliRun login = CliRun.of("login", NAME + ":" + server.port() + "/starttls", "--resolve", NAME + ":127.0.0.1",
                "--ca-file", ca.toString(), "--ca-only", "--user", "u", "--password-file", password.toString(),
                "--json", dir.resolve("login.json").toString());
        assertEquals(ExitCodes.FINDINGS, login.exit(), login.toString());
        outputs.put("login console", login.out());
        outputs.put("login stderr", login.err());
        outputs.put("login.json", Files.readString(dir.resolve("login.json"), StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** C0 and C1 controls but line ends (CSV ends lines with CR LF), DEL, bidi controls, zero-width and separators. */
    private static boolean forbidden(char c) {
        return c < 0x20 && c != '\n' && c != '\r' || c == 0x7f || c >= 0x80 && c < 0xa0
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f || c == 0x061c
                || c >= 0x200b && c <= 0x200d || c == 0x2060 || c == 0xfeff || c == 0x2028 || c == 0x2029;
    }

    @Test
    void noWriterPrintsARawControlBidiOrZeroWidthCharacter() {
        for (Map.Entry<String, String> output : outputs.entrySet()) {
            String text = output.getValue();
            for (int i = 0; i < text.length(); i++) {
                if (forbidden(text.charAt(i))) {
                    int from = Math.max(0, i - 60);
                    fail(output.getKey() + " holds U+" + String.format("%04X", (int) text.charAt(i)) + " raw, after: "
                            + text.substring(from, i).replaceAll("\\p{Cntrl}", "?"));
                }
            }
        }
    }

    /** The names are there, escaped, so the check above cannot pass because the certificate was never seen. */
    @Test
    void theNamesAreShownEscaped() {
        String subject = "pwned\\x07\\x1b[2J\\u202egnp.exe\\u200b\\u2066"; // RFC 2253 writes the ';' before it as '\\;
        String san = "DNS:mail\\x1b[2J\\x07.hostile.test";
        assertTrue(outputs.get("scan.json").contains(subject.replace("\\", "\\\\")), outputs.get("scan.json"));
        assertTrue(outputs.get("scan.jsonl").contains(san.replace("\\", "\\\\")), outputs.get("scan.jsonl"));
        assertTrue(outputs.get("scan.csv").contains(subject), outputs.get("scan.csv"));
        assertTrue(outputs.get("findings.csv").contains(san), "the name-mismatch finding quotes the SANs: " + outputs.get("findings.csv"));
        assertTrue(outputs.get("scan.html").contains(subject), "subject in the HTML");
        assertTrue(outputs.get("login console").contains("Certificate: NOT trusted ("), outputs.get("login console"));
        assertTrue(outputs.get("login console").contains("Evil\\x9b31m CA\\u200d\\u2028\\ufeff"), "the issuer in the trust error: "
                + outputs.get("login console"));
    }
}
