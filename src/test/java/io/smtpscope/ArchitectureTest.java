package io.smtpscope;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering, checked on the main sources on every build: packages free of cycles, the application layer
 * used only by the command line, and commands that delegate instead of opening connections themselves.
 * Dependencies are the imports and fully qualified names in code (comments and strings aside).
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.smtpscope(?:\\.[a-z]\\w*)+(?:\\.[A-Z]\\w*)?");
    private static final Pattern COMMENT_OR_STRING =
            Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);

    /** Per main class (package.Class): the smtpscope classes and packages it names. */
    private static final Map<String, Set<String>> REFERENCES = new TreeMap<>();
    private static final Set<String> PACKAGES = new TreeSet<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = COMMENT_OR_STRING.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll(" ");
                Matcher pkg = PACKAGE.matcher(code);
                if (!pkg.find()) {
                    continue;
                }
                String className = pkg.group(1) + "." + file.getFileName().toString().replace(".java", "");
                Set<String> names = new TreeSet<>();
                REFERENCES.put(className, names);
                PACKAGES.add(pkg.group(1));
                Matcher ref = REFERENCE.matcher(code.substring(pkg.end()));
                while (ref.find()) {
                    names.add(ref.group());
                }
            }
        }
        assertTrue(REFERENCES.size() > 100, "main sources not found under " + MAIN.toAbsolutePath());
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    /** The package a reference names: the longest known package that prefixes it. */
    private static String packageNamed(String reference) {
        String candidate = reference;
        while (!PACKAGES.contains(candidate) && candidate.contains(".")) {
            candidate = candidate.substring(0, candidate.lastIndexOf('.'));
        }
        return candidate;
    }

    private static List<String> violations(String fromPackagePrefix, List<String> forbidden) {
        List<String> found = new ArrayList<>();
        REFERENCES.forEach((cls, refs) -> {
            if (!packageOf(cls).startsWith(fromPackagePrefix)) {
                return;
            }
            for (String ref : refs) {
                if (forbidden.stream().anyMatch(f -> ref.equals(f) || ref.startsWith(f + "."))) {
                    found.add(cls + " -> " + ref);
                }
            }
        });
        return found;
    }

    @Test
    void packagesAreFreeOfCycles() {
        Map<String, Set<String>> graph = new HashMap<>();
        PACKAGES.forEach(p -> graph.put(p, new TreeSet<>()));
        REFERENCES.forEach((cls, refs) -> refs.stream().map(ArchitectureTest::packageNamed)
                .filter(p -> PACKAGES.contains(p) && !p.equals(packageOf(cls))).forEach(graph.get(packageOf(cls))::add));
        List<String> cycles = new ArrayList<>();
        for (String start : PACKAGES) {
            // A path back to the start is a cycle; report the shortest one.
            Map<String, String> cameFrom = new HashMap<>();
            Deque<String> queue = new ArrayDeque<>(graph.get(start));
            graph.get(start).forEach(next -> cameFrom.put(next, start));
            while (!queue.isEmpty()) {
                String p = queue.poll();
                if (p.equals(start)) {
                    List<String> cycle = new ArrayList<>(List.of(start));
                    for (String at = cameFrom.get(start); !at.equals(start); at = cameFrom.get(at)) {
                        cycle.addFirst(at);
                    }
                    cycle.addFirst(start);
                    cycles.add(String.join(" -> ", cycle));
                    break;
                }
                for (String next : graph.get(p)) {
                    if (!cameFrom.containsKey(next)) {
                        cameFrom.put(next, p);
                        queue.add(next);
                    }
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void onlyTheCommandLineUsesTheApplicationLayer() {
        List<String> found = new ArrayList<>();
        REFERENCES.forEach((cls, refs) -> {
            String pkg = packageOf(cls);
            if (pkg.equals("io.smtpscope.cli") || pkg.equals("io.smtpscope.app")) {
                return;
            }
            refs.stream().filter(r -> r.startsWith("io.smtpscope.app.") || r.startsWith("io.smtpscope.cli."))
                    .forEach(r -> found.add(cls + " -> " + r));
        });
        assertEquals(List.of(), found);
        assertEquals(List.of(), violations("io.smtpscope.app", List.of("io.smtpscope.cli")));
    }

    /** Commands parse and delegate: a scan goes through app, a login or send-test through session and mail. */
    @Test
    void commandsNeverOpenProbesSessionsOrEnumeratorsThemselves() {
        assertEquals(List.of(), violations("io.smtpscope.cli", List.of(
                "io.smtpscope.probe", "io.smtpscope.tls.enumeration", "io.smtpscope.net.FailureClassifier",
                "io.smtpscope.net.Watchdog", "io.smtpscope.net.ServiceSniffer", "io.smtpscope.engine.ScanEngine",
                "io.smtpscope.engine.EndpointPlanner", "io.smtpscope.engine.ReverseLookup", "io.smtpscope.smtp.SmtpSession",
                "io.smtpscope.smtp.PlainTransport", "io.smtpscope.tls.TlsTransport", "io.smtpscope.session.SessionOpener",
                "io.smtpscope.session.SmtpConnection", "io.smtpscope.session.Authenticator")));
    }

    @Test
    void theRuleSeesDependencies() {
        assertTrue(REFERENCES.get("io.smtpscope.app.ScanService").contains("io.smtpscope.probe.EndpointProbe"),
                REFERENCES.get("io.smtpscope.app.ScanService").toString());
        assertTrue(REFERENCES.get("io.smtpscope.cli.ScanCommand").contains("io.smtpscope.app.ScanService"));
    }
}
