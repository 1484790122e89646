package io.smtpscope.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/smtpscope and src/scripts/install.sh, run as a user runs them. The build is a stand-in: a jar whose
 * manifest points at this test's class path (the real jar exists only after 'package'), and the man pages and
 * completion written by the same code the build runs.
 */
class LauncherInstallTest {
    @TempDir
    static Path tmp;
    static Path build;
    static Path prefix;

    @BeforeAll
    static void installAStandInBuild() throws Exception {
        build = Files.createDirectories(tmp.resolve("build"));
        writeStandInJar(build.resolve("smtpscope.jar"));
        ShellFiles.write(build);
        prefix = tmp.resolve("prefix");
        // no AOT training run: the stand-in jar has nothing to train, and it would cost the test half a minute
        Result install = run(Map.of("SMTPSCOPE_BUILD", build.toString(), "SMTPSCOPE_AOT", "0"), "bash", "src/scripts/install.sh", prefix.toString());
        assertEquals(0, install.exit(), install.output());
    }

    private static void writeStandInJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toString());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
    }

    record Result(int exit, String output) {
    }

    /** Runs a command in the project folder with JAVA_HOME unset, so the launcher must find a JDK itself. */
    static Result run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "did not finish: " + String.join(" ", command));
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void installPutsLauncherJarManPagesAndCompletionInPlace() {
        for (String file : List.of("bin/smtpscope", "share/smtpscope/smtpscope.jar", "share/smtpscope/java-env.sh",
                "share/man/man1/smtpscope.1", "share/man/man1/smtpscope-scan.1",
                "share/bash-completion/completions/smtpscope")) {
            assertTrue(Files.isRegularFile(prefix.resolve(file)), file);
        }
        assertTrue(Files.isExecutable(prefix.resolve("bin/smtpscope")));
    }

    @Test
    void theInstalledLauncherRunsWithAnOldJavaOnPath() throws Exception {
        // /usr/bin first: on a machine whose default java is older than 21 this is the case that used to fail.
        Result r = run(Map.of("PATH", "/usr/bin:/bin"), prefix.resolve("bin/smtpscope").toString(), "explain", "--json", "535");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("\"code\" : 535"), r.output());
    }

    @Test
    void theLauncherInTheSourceTreeRunsTheJarItIsGiven() throws Exception {
        Result r = run(Map.of("SMTPSCOPE_JAR", build.resolve("smtpscope.jar").toString()), "bin/smtpscope", "--version");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().startsWith("smtpscope "), r.output());
    }

    @Test
    void theLauncherRunsTheClientCompilerOnlyUnlessToldOtherwise() throws Exception {
        String jar = build.resolve("smtpscope.jar").toString();
        // the JVM prints its final flag values; TieredStopAtLevel 1 is C1 only, 4 (the JDK's default) adds C2
        Result c1 = run(Map.of("SMTPSCOPE_JAR", jar, "JDK_JAVA_OPTIONS", "-XX:+PrintFlagsFinal"), "bin/smtpscope", "--version");
        assertEquals(0, c1.exit(), c1.output());
        assertTrue(c1.output().matches("(?s).*TieredStopAtLevel\\s+= 1\\s.*"), c1.output());
        Result tiered = run(Map.of("SMTPSCOPE_JAR", jar, "SMTPSCOPE_JIT", "tiered", "JDK_JAVA_OPTIONS", "-XX:+PrintFlagsFinal"),
                "bin/smtpscope", "--version");
        assertEquals(0, tiered.exit(), tiered.output());
        assertTrue(tiered.output().matches("(?s).*TieredStopAtLevel\\s+= 4\\s.*"), tiered.output());
        Result wrong = run(Map.of("SMTPSCOPE_JAR", jar, "SMTPSCOPE_JIT", "c2"), "bin/smtpscope", "--version");
        assertEquals(2, wrong.exit(), wrong.output());
        assertEquals("smtpscope: SMTPSCOPE_JIT must be c1 (the default) or tiered, not 'c2'\n", wrong.output());
    }

    @Test
    void withoutAJdk21TheLauncherSaysSoClearly() throws Exception {
        // A PATH holding only the tools the scripts use, and an empty JVM folder: no JDK anywhere.
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("bash", "ls", "sort", "awk", "dirname", "readlink")) {
            Path target = Path.of("/usr/bin", tool);
            if (!Files.exists(target)) {
                target = Path.of("/bin", tool);
            }
            Files.createSymbolicLink(tools.resolve(tool), target);
        }
        Path noJvms = Files.createDirectories(tmp.resolve("no-jvms"));
        Result r = run(Map.of("PATH", tools.toString(), "SMTPSCOPE_JVM_DIR", noJvms.toString()),
                tools.resolve("bash").toString(), prefix.resolve("bin/smtpscope").toString(), "--version");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().startsWith("smtpscope: no JDK 21 or newer found"), r.output());
        assertTrue(r.output().contains("set JAVA_HOME"), r.output());
    }

    @Test
    void aMissingJarNamesTheBuildCommand() throws Exception {
        Result r = run(Map.of("SMTPSCOPE_JAR", tmp.resolve("absent.jar").toString()), "bin/smtpscope", "--version");
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("absent.jar not found") && r.output().contains("bash src/scripts/demo.sh"), r.output());
    }
}
