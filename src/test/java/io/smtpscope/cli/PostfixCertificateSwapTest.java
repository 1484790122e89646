package io.smtpscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.it.RealServices;
import io.smtpscope.report.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Against the real loopback Postfix (service on port 2527 from src/test/setup/40-postfix-swap.sh): scan,
 * replace the certificate in its chain file, {@code postfix -c CONFIG_DIRECTORY reload} (the test instance,
 * never the machine's own Postfix), scan again; diff (from the history and from the two JSON reports) must
 * say "certificate replaced" with both fingerprints and expiries.
 */
class PostfixCertificateSwapTest {
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(30);
    private Properties swap;

    @TempDir
    Path dir;

    @BeforeEach
    void requireSwapService() {
        swap = RealServices.postfixProperties("swap.properties");
        Path chain = Path.of(swap.getProperty("chain_file"));
        boolean root = "root".equals(System.getProperty("user.name"));
        RealServices.requirePostfix(root && Files.isWritable(chain), "needs root to rewrite " + chain + " and run 'postfix -c ... reload'");
    }

    @Test
    void diffSeesTheCertificateReplacedBetweenTwoRealScans() throws Exception {
        String name = swap.getProperty("name");
        String target = name + ":" + swap.getProperty("port") + "/starttls";
        String address = swap.getProperty("host");
        Path chain = Path.of(swap.getProperty("chain_file"));
        Path history = dir.resolve("history.db");
        byte[] original = Files.readAllBytes(chain);

        Path first = dir.resolve("first.json");
        assertTrue(scan(target, name + ":" + address, history, first).status() <= 1);
        String oldSha = leafSha(first);

        DemoPki.KeyMaterial replacement = new DemoPki("unused CA").selfSigned(List.of(name), Duration.ofDays(45));
        String newSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(replacement.leaf().getEncoded()));
        assertNotEquals(oldSha, newSha);
        try {
            writeChain(chain, replacement);
            postfixReload(swap);
            // Old smtpd processes finish their session and exit after a reload: wait (bounded) for a new one.
            long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
            Path probe = dir.resolve("probe.json");
            String seen = oldSha;
            while (!seen.equals(newSha) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                scan(target, name + ":" + address, null, probe);
                seen = leafSha(probe);
            }
            assertEquals(newSha, seen, "Postfix still presents the old certificate " + RELOAD_WAIT + " after the reload");

            Path second = dir.resolve("second.json");
            assertTrue(scan(target, name + ":" + address, history, second).status() <= 1);

            CliRun fromHistory = CliRun.of("diff", "--json", "--history", history.toString());
            assertEquals(1, fromHistory.status(), fromHistory::toString);
            JsonNode change = certificateChange(Json.mapper().readTree(fromHistory.out()));
            assertEquals(oldSha, change.get("old_sha256").asText());
            assertEquals(newSha, change.get("new_sha256").asText());
            assertEquals(replacement.leaf().getNotAfter().toInstant().toString(), change.get("new_not_after").asText());

            CliRun fromFiles = CliRun.of("diff", first.toString(), second.toString());
            assertEquals(1, fromFiles.status(), fromFiles::toString);
            assertTrue(fromFiles.out().contains("certificate replaced: sha256 " + oldSha), fromFiles::toString);
            assertTrue(fromFiles.out().contains("-> " + newSha), fromFiles::toString);
        } finally {
            Files.write(chain, original);
            postfixReload(swap);
        }
    }

    private static CliRun scan(String target, String resolve, Path history, Path json) {
        List<String> args = new ArrayList<>(List.of("scan", target, "--resolve", resolve, "-q", "--json", json.toString()));
        if (history == null) {
            args.add("--no-history");
        } else {
            args.addAll(List.of("--history", history.toString()));
        }
        CliRun run = CliRun.of(args);
        assertTrue(run.status() <= 1, run::toString);
        return run;
    }

    private static String leafSha(Path report) throws IOException {
        JsonNode endpoint = Json.mapper().readTree(report.toFile()).get("endpoints").get(0);
        assertEquals("open", endpoint.get("reachability").asText(), endpoint::toString);
        return endpoint.get("certificate").get("chain").get(0).get("sha256").asText();
    }

    private static JsonNode certificateChange(JsonNode diff) {
        for (JsonNode change : diff.get("endpoints").get(0).get("changes")) {
            if (change.get("kind").asText().equals("certificate-replaced")) {
                return change;
            }
        }
        fail("no certificate-replaced change in " + diff);
        return null;
    }

    /** Key first, then the certificate (smtpd_tls_chain_files); replaced with a rename so smtpd never reads half a file. */
    private static void writeChain(Path chain, DemoPki.KeyMaterial material) throws IOException {
        Path temp = chain.resolveSibling(chain.getFileName() + ".new");
        Files.writeString(temp, DemoPki.pem(material.key()) + DemoPki.pem(material.leaf()), StandardCharsets.US_ASCII);
        Files.move(temp, chain, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reloads the test instance by its own config_directory: a plain {@code postfix reload} is the machine's own. */
    private static void postfixReload(Properties swap) throws IOException, InterruptedException {
        Process reload = new ProcessBuilder("postfix", "-c", swap.getProperty("config_directory").strip(), "reload")
                .redirectErrorStream(true).start();
        if (!reload.waitFor(30, TimeUnit.SECONDS)) {
            reload.destroyForcibly();
            fail("postfix reload did not finish within 30 s");
        }
        String output = new String(reload.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, reload.exitValue(), "postfix reload: " + output);
    }
}
