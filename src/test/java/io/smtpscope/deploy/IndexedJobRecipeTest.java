package io.smtpscope.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smtpscope.cli.Cli;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.report.Json;
import io.smtpscope.tls.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes Indexed Job recipe and its merge step: the manifests parse, the Job is indexed with the shard count
 * its command line names, the index comes from the Job controller, the merge reads the folder the shards write, and
 * the very command lines of both Jobs — the index substituted as Kubernetes does, each volume's mount path mapped to
 * a folder of this test — scan loopback servers and merge into one complete report.
 */
class IndexedJobRecipeTest {
    private static final Path SCAN_JOB = Path.of("src/main/deploy/kubernetes/indexed-job.yaml");
    private static final Path MERGE_JOB = Path.of("src/main/deploy/kubernetes/indexed-job-merge.yaml");
    private static final String INDEX = "$(JOB_COMPLETION_INDEX)";

    @TempDir
    Path dir;

    @Test
    void theIndexedJobIsShardedAsItsCommandLineSays() throws IOException {
        JsonNode job = kind(documents(SCAN_JOB), "Job");
        JsonNode spec = job.get("spec");
        assertEquals("Indexed", spec.get("completionMode").asText());
        int completions = spec.get("completions").asInt();
        assertTrue(spec.get("parallelism").asInt() >= 1 && spec.get("parallelism").asInt() <= completions, spec.toString());
        JsonNode container = spec.at("/template/spec/containers/0");
        List<String> args = strings(container.get("args"));
        assertEquals(INDEX + "/" + completions, args.get(args.indexOf("--shard") + 1), "--shard INDEX/completions: " + args);
        assertTrue(args.get(args.indexOf("--jsonl") + 1).contains(INDEX), "one file per index: " + args);
        assertEquals("never", args.get(args.indexOf("--fail-on") + 1), "findings must not fail (and retry) a pod");
        JsonNode env = StreamSupport.stream(container.get("env").spliterator(), false)
                .filter(e -> e.get("name").asText().equals("JOB_COMPLETION_INDEX")).findFirst().orElseThrow();
        assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']", env.at("/valueFrom/fieldRef/fieldPath").asText());
        assertEquals("Never", spec.at("/template/spec/restartPolicy").asText());
        for (String arg : args) {
            assertFalse(arg.startsWith("--webhook") && !arg.startsWith("--webhook-file"), "no secret in argv: " + arg);
        }
    }

    @Test
    void theMergeReadsTheFolderTheShardsWrite() throws IOException {
        JsonNode scanPod = kind(documents(SCAN_JOB), "Job").at("/spec/template/spec");
        JsonNode mergePod = kind(documents(MERGE_JOB), "Job").at("/spec/template/spec");
        List<String> scanArgs = strings(scanPod.at("/containers/0/args"));
        List<String> mergeArgs = strings(mergePod.at("/containers/0/args"));
        assertEquals("report", mergeArgs.getFirst());
        String written = mountOf(scanPod, scanArgs.get(scanArgs.indexOf("--jsonl") + 1));
        String read = mountOf(mergePod, mergeArgs.get(mergeArgs.indexOf("--from") + 1));
        assertEquals(written, read, "the merge reads the shards' volume folder");
        String json = mountOf(mergePod, mergeArgs.get(mergeArgs.indexOf("--json") + 1));
        assertFalse(json.equals(read), "the merged report is not written among the shards");
    }

    /** Both Jobs' command lines, run in-process against loopback servers: one complete merged report. */
    @Test
    void theRecipesCommandLinesScanAndMerge() throws Exception {
        List<JsonNode> scanDocs = documents(SCAN_JOB);
        JsonNode job = kind(scanDocs, "Job");
        int completions = job.at("/spec/completions").asInt();
        JsonNode scanPod = job.at("/spec/template/spec");
        JsonNode mergePod = kind(documents(MERGE_JOB), "Job").at("/spec/template/spec");
        Map<String, Path> volumes = new HashMap<>();
        TlsContexts.init();
        DemoPki pki = new DemoPki("Recipe Test CA");
        DemoPki.KeyMaterial key = pki.issue(List.of("mx.recipe.test"), Duration.ofDays(30));
        List<ScriptedSmtpServer> servers = new ArrayList<>();
        try {
            StringBuilder targets = new StringBuilder();
            for (int last = 31; last <= 36; last++) {
                ScriptedSmtpServer server = new ScriptedSmtpServer(InetAddress.getByName("127.0.0." + last), 0,
                        ServerScript.wellBehaved("mx.recipe.test", DemoPki.serverContext(key), false));
                servers.add(server);
                targets.append("127.0.0.").append(last).append(':').append(server.port()).append('\n');
            }
            // The ConfigMap's file, with loopback targets instead of the example's.
            JsonNode configMap = kind(scanDocs, "ConfigMap");
            String fileName = configMap.get("data").fieldNames().next();
            Path config = folder(volumes, "configMap:" + configMap.at("/metadata/name").asText());
            Files.writeString(config.resolve(fileName), targets.toString(), StandardCharsets.UTF_8);

            for (int index = 0; index < completions; index++) {
                List<String> args = new ArrayList<>();
                for (String arg : strings(scanPod.at("/containers/0/args"))) {
                    args.add(mapped(scanPod, volumes, arg.replace(INDEX, Integer.toString(index))));
                }
                Run run = run(args);
                assertEquals(0, run.exit(), "shard " + index + ": " + args + "\n" + run.err());
            }
            List<String> merge = new ArrayList<>();
            for (String arg : strings(mergePod.at("/containers/0/args"))) {
                merge.add(mapped(mergePod, volumes, arg));
            }
            Run merged = run(merge);
            assertEquals(0, merged.exit(), merge + "\n" + merged.err());
            Path json = Path.of(merge.get(merge.indexOf("--json") + 1));
            JsonNode report = Json.mapper().readTree(json.toFile());
            assertTrue(report.get("complete").asBoolean(), report.get("input_errors").toString());
            assertEquals(servers.size(), report.get("endpoints").size(), report.get("endpoints").toString());
            for (JsonNode endpoint : report.get("endpoints")) {
                assertEquals("open", endpoint.get("reachability").asText(), endpoint.toString());
            }
            assertTrue(Files.size(Path.of(merge.get(merge.indexOf("--html") + 1))) > 0);
        } finally {
            for (ScriptedSmtpServer s : servers) {
                s.close();
            }
        }
    }

    record Run(int exit, String err) {
    }

    private static Run run(List<String> args) {
        StringWriter err = new StringWriter();
        int exit = Cli.run(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        return new Run(exit, err.toString());
    }

    /** An absolute path of a pod, in the test folder that stands for the volume (and sub-path) mounted there. */
    private String mapped(JsonNode pod, Map<String, Path> volumes, String arg) throws IOException {
        if (!arg.startsWith("/")) {
            return arg;
        }
        JsonNode mount = mountFor(pod, arg);
        assertNotNull(mount, arg + " is on no mounted volume: the pod's root file system is read only");
        Path folder = folder(volumes, volumeKey(pod, mount));
        String rest = arg.substring(mount.get("mountPath").asText().length());
        return rest.isEmpty() ? folder.toString() : folder.resolve(rest.substring(1)).toString();
    }

    private Path folder(Map<String, Path> volumes, String key) throws IOException {
        Path existing = volumes.get(key);
        if (existing != null) {
            return existing;
        }
        Path created = Files.createDirectories(dir.resolve("volume-" + volumes.size()));
        volumes.put(key, created);
        return created;
    }

    /** Which volume (claim or ConfigMap) and sub-path a pod path lies on: what two pods share. */
    private static String mountOf(JsonNode pod, String path) {
        JsonNode mount = mountFor(pod, path);
        assertNotNull(mount, path + " is on no mounted volume");
        return volumeKey(pod, mount);
    }

    private static String volumeKey(JsonNode pod, JsonNode mount) {
        JsonNode volume = StreamSupport.stream(pod.get("volumes").spliterator(), false)
                .filter(v -> v.get("name").asText().equals(mount.get("name").asText())).findFirst().orElseThrow();
        String source = volume.has("persistentVolumeClaim") ? "pvc:" + volume.at("/persistentVolumeClaim/claimName").asText()
                : volume.has("configMap") ? "configMap:" + volume.at("/configMap/name").asText() : "pod:" + volume.get("name").asText();
        return source + (mount.has("subPath") ? "/" + mount.get("subPath").asText() : "");
    }

    private static JsonNode mountFor(JsonNode pod, String path) {
        JsonNode best = null;
        for (JsonNode mount : pod.at("/containers/0/volumeMounts")) {
            String at = mount.get("mountPath").asText();
            if ((path.equals(at) || path.startsWith(at + "/"))
                    && (best == null || at.length() > best.get("mountPath").asText().length())) {
                best = mount;
            }
        }
        return best;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            yaml.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
            return docs;
        }
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d != null && kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + docs));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
