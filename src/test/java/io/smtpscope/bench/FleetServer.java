package io.smtpscope.bench;

import io.smtpscope.demo.DemoPki;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's fleet (not a test): one process serving N loopback addresses, 127.1.0.1 upwards, each on
 * one port (25 by default) like a postscreen-style MTA that greets after D milliseconds: greeting, EHLO,
 * STARTTLS (then TLS 1.2/1.3 with a fixed suite list of JSSE's), EHLO again, QUIT. Never accepts mail.
 *
 * <p>Bounded: at most {@code max-open} connections are served at once (more wait in the accept queue), every
 * read times out after 10 s, and the process ends after {@code lifetime} seconds whatever happens. It prints
 * "ready N" once every address listens, and on stdin EOF or "count" prints the connections accepted so far.
 * Usage: {@code FleetServer N delayMillis [port] [lifetimeSeconds] [maxOpen]} (java -cp test-classes:jar).
 */
public final class FleetServer {
    /** The suites the fleet's TLS accepts: 3 in TLS 1.3, 10 in TLS 1.2, as a small real MTA might. */
    static final String[] SUITES = {
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA"};
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_LINE = 1024;

    private final SSLContext tls;
    private final long delayMillis;
    private final Semaphore open;
    private final AtomicLong accepted = new AtomicLong();

    private FleetServer(SSLContext tls, long delayMillis, int maxOpen) {
        this.tls = tls;
        this.delayMillis = delayMillis;
        this.open = new Semaphore(maxOpen);
    }

    /** The i-th address of the fleet (0-based): 127.1.0.1, ..., 127.1.0.250, 127.1.1.1, ... (never .0 or .255). */
    static String address(int i) {
        return "127.1." + (i / 250) + "." + (i % 250 + 1);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        long lifetime = args.length > 3 ? Long.parseLong(args[3]) : 1800;
        int maxOpen = args.length > 4 ? Integer.parseInt(args[4]) : 4096;
        if (n < 1 || n > 60_000) {
            throw new IllegalArgumentException("1 to 60000 addresses");
        }
        DemoPki pki = new DemoPki("Fleet Test CA");
        // RSA: the ECDHE_RSA and RSA suites below need it
        SSLContext tls = DemoPki.serverContext(pki.certificate("fleet.smtpscope.test").key("RSA", 2048)
                .validFor(Duration.ofDays(30)).issue());
        FleetServer fleet = new FleetServer(tls, delay, maxOpen);
        List<ServerSocket> listeners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InetAddress address = InetAddress.getByName(address(i));
            if (!address.isLoopbackAddress()) {
                throw new IllegalStateException("not loopback: " + address);
            }
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(address, port), 1024);
            listeners.add(listener);
            Thread.ofVirtual().start(() -> fleet.acceptLoop(listener));
        }
        Thread.ofPlatform().daemon().start(() -> {
            sleep(TimeUnit.SECONDS.toMillis(lifetime));
            System.err.println("fleet: lifetime of " + lifetime + " s over");
            System.exit(3);
        });
        System.out.println("ready " + n);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.trim().equals("count")) {
                System.out.println("accepted " + fleet.accepted.get());
                System.out.flush();
            }
        }
        System.out.println("accepted " + fleet.accepted.get());
        for (ServerSocket listener : listeners) {
            listener.close();
        }
        System.exit(0);
    }

    private void acceptLoop(ServerSocket listener) {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            Thread.ofVirtual().start(() -> {
                boolean admitted = false;
                try (socket) {
                    admitted = open.tryAcquire(10, TimeUnit.SECONDS); // over the limit: closed unanswered
                    if (admitted) {
                        serve(socket);
                    }
                } catch (IOException | RuntimeException | InterruptedException e) {
                    // a scanner closing mid-handshake is its business; the next connection is served as usual
                } finally {
                    if (admitted) {
                        open.release();
                    }
                }
            });
        }
    }

    private void serve(Socket socket) throws IOException {
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        sleep(delayMillis);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        send(out, "220 fleet.smtpscope.test ESMTP");
        boolean secure = false;
        for (int commands = 0; commands < 20; commands++) {
            String line = readLine(in);
            if (line == null) {
                return;
            }
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (verb) {
                case "EHLO" -> send(out, secure ? "250-fleet.smtpscope.test\r\n250 8BITMIME"
                        : "250-fleet.smtpscope.test\r\n250-8BITMIME\r\n250 STARTTLS");
                case "HELO" -> send(out, "250 fleet.smtpscope.test");
                case "STAR" -> {
                    if (secure) {
                        send(out, "503 already in TLS");
                        continue;
                    }
                    send(out, "220 2.0.0 ready to start TLS");
                    SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                            socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    tlsSocket.setUseClientMode(false);
                    SSLParameters parameters = tlsSocket.getSSLParameters();
                    parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    parameters.setCipherSuites(SUITES);
                    parameters.setUseCipherSuitesOrder(true);
                    tlsSocket.setSSLParameters(parameters);
                    tlsSocket.startHandshake();
                    in = tlsSocket.getInputStream();
                    out = tlsSocket.getOutputStream();
                    secure = true;
                }
                case "QUIT" -> {
                    send(out, "221 2.0.0 bye");
                    return;
                }
                case "NOOP", "RSET" -> send(out, "250 2.0.0 ok");
                default -> send(out, "502 5.5.2 not here");
            }
        }
        send(out, "421 too many commands");
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                return line.toString().strip();
            }
            if (line.length() < MAX_LINE) {
                line.append((char) c);
            }
        }
        return null;
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
