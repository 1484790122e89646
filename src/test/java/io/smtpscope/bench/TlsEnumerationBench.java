package io.smtpscope.bench;

import io.smtpscope.it.RealServices;
import io.smtpscope.target.Endpoint;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.TlsResult;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import io.smtpscope.tls.enumeration.EnumerationDepth;
import io.smtpscope.tls.enumeration.TlsEnumerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): full TLS enumeration of the loopback Postfix endpoints by smtpscope, sslscan and
 * testssl.sh, each through a loopback TCP proxy that counts the connections it accepts, so every tool is
 * counted the same way. Prints wall time, connections and the protocol/suite totals per endpoint and tool.
 *
 * <pre>java -cp target/classes:target/test-classes:$(deps) io.smtpscope.bench.TlsEnumerationBench [--no-testssl]</pre>
 * Loopback only: the targets come from the setup scripts' properties files and must be 127.x.
 */
public final class TlsEnumerationBench {
    private static final Path STATE = RealServices.postfixDir();
    private static final long TOOL_TIMEOUT_SECONDS = 900;

    record Target0(String label, int port, Mode mode) {
    }

    public static void main(String[] args) throws Exception {
        boolean testssl = !List.of(args).contains("--no-testssl") && Files.isExecutable(Path.of("/usr/bin/testssl"));
        boolean sslscan = Files.isExecutable(Path.of("/usr/bin/sslscan"));
        Properties base = load(STATE.resolve("postfix.properties"));
        Properties variants = load(STATE.resolve("tls-variants.properties"));
        String host = base.getProperty("host", "").strip();
        if (!host.startsWith("127.")) {
            throw new IllegalStateException("loopback only, got " + host);
        }
        List<Target0> targets = new ArrayList<>();
        targets.add(new Target0("smtp", Integer.parseInt(base.getProperty("smtp_port", "25")), Mode.STARTTLS));
        targets.add(new Target0("smtps", Integer.parseInt(base.getProperty("smtps_port", "465")), Mode.IMPLICIT_TLS));
        if (variants.containsKey("modern_port")) {
            targets.add(new Target0("modern", Integer.parseInt(variants.getProperty("modern_port")), Mode.STARTTLS));
            targets.add(new Target0("legacy", Integer.parseInt(variants.getProperty("legacy_port")), Mode.STARTTLS));
        }
        System.out.printf("%-8s %-6s %-10s %10s %12s  %s%n", "endpoint", "port", "tool", "wall ms", "connections", "result");
        for (Target0 t : targets) {
            InetAddress address = InetAddress.getByName(host);
            try (CountingProxy proxy = new CountingProxy(address, t.port())) {
                long t0 = System.nanoTime();
                TlsResult r = new TlsEnumerator(ProbeSettings.defaults(), EnumerationDepth.FULL).enumerate(
                        new Endpoint(new Target(host + ":" + proxy.port(), host, proxy.port(), t.mode()), address,
                                "mail.smtpscope.test"), null);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                int suites = r.cipherSuites() == null ? 0 : r.cipherSuites().values().stream().mapToInt(List::size).sum();
                System.out.printf("%-8s %-6d %-10s %10d %12d  %s; %d suite entries; self-counted %d%n", t.label(), t.port(),
                        "smtpscope", ms, proxy.accepted(), r.protocols(), suites, r.connectionsUsed());
            }
            if (sslscan) {
                List<String> cmd = new ArrayList<>(List.of("/usr/bin/sslscan", "--no-colour"));
                if (t.mode() == Mode.STARTTLS) {
                    cmd.add("--starttls-smtp");
                }
                runTool(t, "sslscan", cmd, host);
            }
            if (testssl) {
                List<String> cmd = new ArrayList<>(List.of("/usr/bin/testssl", "--quiet", "--color", "0", "--warnings", "off",
                        "-p", "-e", "-P", "-f"));
                if (t.mode() == Mode.STARTTLS) {
                    cmd.addAll(List.of("--starttls", "smtp"));
                }
                runTool(t, "testssl.sh", cmd, host);
            }
        }
    }

    private static void runTool(Target0 t, String name, List<String> cmd, String host) throws Exception {
        try (CountingProxy proxy = new CountingProxy(InetAddress.getByName(host), t.port())) {
            List<String> full = new ArrayList<>(cmd);
            full.add(host + ":" + proxy.port());
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean done = p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.printf("%-8s %-6d %-10s %10d %12d  %s%n", t.label(), t.port(), name, ms, proxy.accepted(),
                    done ? "exit " + p.exitValue() : "TIMED OUT after " + TOOL_TIMEOUT_SECONDS + " s");
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        } else {
            System.err.println("missing " + file + ": run src/test/setup/*.sh as root first");
        }
        return p;
    }

    /** A loopback TCP proxy that counts accepted connections and pipes bytes both ways. */
    static final class CountingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor;

        CountingProxy(InetAddress target, int targetPort) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            acceptor = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> relay(client, target, targetPort));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private static void relay(Socket client, InetAddress target, int port) {
            try (client; Socket upstream = new Socket()) {
                upstream.connect(new InetSocketAddress(target, port), 10_000);
                Thread back = Thread.ofVirtual().start(() -> pipe(upstream, client));
                pipe(client, upstream);
                back.join(30_000);
            } catch (IOException | InterruptedException ignored) {
                // a tool closing abruptly is normal
            }
        }

        private static void pipe(Socket from, Socket to) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buf = new byte[16384];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException ignored) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
