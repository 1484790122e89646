package io.smtpscope.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smtpscope.it.RealServices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * testssl.sh 3.0 run on a loopback STARTTLS endpoint with the vulnerability options (-H heartbleed, -I CCS,
 * -R renegotiation, -Z fallback SCSV, -BB ROBOT), its JSON findings by id ("heartbleed" -> "CRITICAL VULNERABLE").
 * Bounded: the process is killed after {@value #TIMEOUT_SECONDS} s.
 */
final class Testssl {
    static final Path EXECUTABLE = Path.of("/usr/bin/testssl");
    static final long TIMEOUT_SECONDS = 400;

    private Testssl() {
    }

    /** Fails (SMTPSCOPE_REQUIRE_POSTFIX=1) or skips when testssl.sh is not installed. */
    static void require() {
        RealServices.requirePostfix(Files.isExecutable(EXECUTABLE),
                "testssl.sh is not installed (src/test/setup/20-postfix-tls-variants.sh installs it)");
    }

    /** id -> "SEVERITY finding". */
    static Map<String, String> run(String host, int port, String... checks) throws Exception {
        if (!host.startsWith("127.")) {
            throw new IllegalArgumentException("loopback only");
        }
        Path dir = Files.createTempDirectory("smtpscope-testssl");
        Path json = dir.resolve("out.json");
        List<String> cmd = new ArrayList<>(List.of(EXECUTABLE.toString(), "--quiet", "--color", "0", "--warnings", "off",
                "--starttls", "smtp", "--ip", host, "--jsonfile", json.toString()));
        cmd.addAll(List.of(checks));
        cmd.add(host + ":" + port);
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("testssl.sh did not finish within " + TIMEOUT_SECONDS + " s");
            }
            Map<String, String> found = new LinkedHashMap<>();
            for (JsonNode finding : new ObjectMapper().readTree(json.toFile())) {
                found.put(finding.path("id").asText(), finding.path("severity").asText() + " " + finding.path("finding").asText());
            }
            return found;
        } finally {
            process.destroyForcibly();
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
