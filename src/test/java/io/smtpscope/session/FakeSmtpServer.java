package io.smtpscope.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A plain-text SMTP server on loopback for one connection: greets, then answers each received line with
 * {@code answer.apply(line)} (CRLF-separated reply lines; null closes). Records every line it received.
 */
final class FakeSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    FakeSmtpServer(Function<String, String> answer) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000);
        thread = Thread.ofVirtual().start(() -> serve(answer));
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> received() {
        return List.copyOf(received);
    }

    private void serve(Function<String, String> answer) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write("220 fake.test ESMTP\r\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 50; i++) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                received.add(line);
                String reply = line.equalsIgnoreCase("QUIT") ? "221 bye" : answer.apply(line);
                if (reply == null) {
                    return;
                }
                out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (line.equalsIgnoreCase("QUIT")) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // the test sees what was received
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
