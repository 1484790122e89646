package io.smtpscope.demo;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one in-process SMTP server on loopback of the demo and the tests. It either follows a
 * {@link ServerScript} (enough of RFC 5321 and RFC 3207 for a scan: greeting, EHLO/HELO, STARTTLS, NOOP,
 * QUIT, and a test's own answers; it never accepts mail), or hands each connection to a raw
 * {@link Behaviour} for what no real MTA does (hostile bytes, drips, silence, resets; see {@link Conversation}).
 *
 * <p>Bounded: at most {@link #MAX_OPEN_CONNECTIONS} connections are served at once (more are closed at once),
 * and {@link #close()} closes every socket, so no connection outlives its server whatever it is blocked in.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    static final int MAX_OPEN_CONNECTIONS = 32;

    /** What the server does with one connection; it may block, the socket is closed for it at the end. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket) throws Exception;
    }

    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** A server following {@code script} on 127.0.0.1 (an ephemeral port). */
    public ScriptedSmtpServer(ServerScript script) throws IOException {
        this(InetAddress.getLoopbackAddress(), 0, null, script);
    }

    /**
     * A server following {@code script} on another loopback address and a port of the caller's choice (0: an
     * ephemeral one), so that several addresses can serve one port, as the MX hosts of one domain do.
     */
    public ScriptedSmtpServer(InetAddress loopback, int port, ServerScript script) throws IOException {
        this(loopback, port, null, script);
    }

    /** A listener on 127.0.0.1 (an ephemeral port) that hands every connection to {@code behaviour}. */
    public static ScriptedSmtpServer raw(Behaviour behaviour) throws IOException {
        return raw(InetAddress.getLoopbackAddress(), behaviour);
    }

    /** The same on another loopback address (127.0.0.0/8 or ::1): tests never listen anywhere else. */
    public static ScriptedSmtpServer raw(InetAddress loopback, Behaviour behaviour) throws IOException {
        return new ScriptedSmtpServer(loopback, 0, behaviour, null);
    }

    private ScriptedSmtpServer(InetAddress address, int port, Behaviour raw, ServerScript script) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("a scripted server listens on loopback only, not " + address);
        }
        this.behaviour = raw != null ? raw : socket -> converse(script, socket);
        this.listener = new ServerSocket(port, 50, address);
        this.acceptor = Thread.ofPlatform().daemon().name("scripted-smtp-" + listener.getLocalPort()).start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections were accepted so far (a scenario can check the probe connected once). */
    public int accepted() {
        return accepted.get();
    }

    /** Every command line a scripted server received, over all connections, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            if (open.size() >= MAX_OPEN_CONNECTIONS) {
                Conversation.closeQuietly(socket);
                continue;
            }
            open.add(socket);
            try {
                connections.submit(() -> serve(socket));
            } catch (RuntimeException shutDown) {
                open.remove(socket);
                Conversation.closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            behaviour.serve(socket);
        } catch (Exception | Error expected) {
            // the client went away, or the behaviour ended the connection on purpose
        } finally {
            open.remove(socket);
            Conversation.closeQuietly(socket);
        }
    }

    private void converse(ServerScript script, Socket plain) throws IOException {
        plain.setSoTimeout(30_000);
        boolean tls = script.implicitTls();
        Conversation c = new Conversation(tls ? upgrade(script, plain) : plain);
        c.reply(220, script.banner());
        String line;
        while ((line = c.readLine()) != null) {
            received.add(line);
            if (line.length() >= Conversation.MAX_LINE) {
                c.reply(500, List.of("5.5.2 line too long"));
                return;
            }
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            if (verb.equals("QUIT")) {
                c.reply(221, List.of("2.0.0 Bye"));
                return;
            }
            String answer = script.responder() == null ? null : script.responder().answer(line);
            if (answer != null) {
                c.send((answer + "\r\n").getBytes(StandardCharsets.UTF_8));
                continue;
            }
            switch (verb) {
                case "EHLO" -> {
                    List<String> lines = new ArrayList<>();
                    lines.add(script.hostname());
                    lines.addAll(tls ? script.ehloAfterTls() : script.ehloBeforeTls());
                    c.reply(250, lines);
                }
                case "HELO" -> c.reply(250, List.of(script.hostname()));
                case "NOOP" -> c.reply(250, List.of("2.0.0 OK"));
                case "STARTTLS" -> {
                    if (tls || script.tls() == null) {
                        c.reply(502, List.of("5.5.1 STARTTLS not available"));
                    } else if (script.startTlsReply() != null) {
                        c.send((script.startTlsReply() + "\r\n").getBytes(StandardCharsets.UTF_8));
                    } else {
                        c.reply(220, List.of("2.0.0 Ready to start TLS"));
                        c = new Conversation(upgrade(script, c.socket()));
                        tls = true;
                    }
                }
                case "AUTH" -> c.reply(535, List.of("5.7.8 Authentication credentials invalid"));
                default -> c.reply(502, List.of("5.5.2 Command not implemented"));
            }
        }
    }

    private static Socket upgrade(ServerScript script, Socket plain) throws IOException {
        SSLSocket tls = Conversation.tlsSocket(plain, script.tls());
        restrict(script, tls);
        tls.startHandshake();
        return tls;
    }

    /**
     * The JVM running the demo also runs the scanner, which relaxes the JDK's TLS policy to observe old servers;
     * set the server's own policy explicitly so that a "good" demo server is good: TLS 1.2/1.3, ECDHE, AEAD.
     */
    private static void restrict(ServerScript script, SSLSocket tls) {
        List<String> protocols = script.legacyTls()
                ? List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1") : List.of("TLSv1.3", "TLSv1.2");
        tls.setEnabledProtocols(Arrays.stream(tls.getSupportedProtocols()).filter(protocols::contains)
                .toArray(String[]::new));
        tls.setEnabledCipherSuites(Arrays.stream(tls.getSupportedCipherSuites())
                .filter(s -> script.legacyTls() ? legacySuite(s) || modernSuite(s) : modernSuite(s))
                .toArray(String[]::new));
    }

    private static boolean modernSuite(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
                || suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20"));
    }

    private static boolean legacySuite(String suite) {
        return suite.startsWith("TLS_RSA_WITH_AES_") || suite.startsWith("TLS_ECDHE_") && suite.contains("_CBC_");
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(Conversation::closeQuietly);
        connections.shutdownNow();
        acceptor.interrupt();
    }
}
