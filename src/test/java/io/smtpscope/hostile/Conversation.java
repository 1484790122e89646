package io.smtpscope.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The server side of a scripted conversation: bounded line reads, raw writes, and the few moves hostile
 * scenarios need (a minimal SMTP dialogue up to a chosen command, a TCP reset).
 */
public final class Conversation {
    private static final int MAX_LINE = 4096;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public Conversation(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000); // a scripted server never waits forever either
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public Conversation send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Conversation send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One line without its CRLF, or null at end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r' && line.size() < MAX_LINE) {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads whatever arrives next (at least one byte unless the stream ended), up to {@code max}. */
    public byte[] readSome(int max) throws IOException {
        byte[] buffer = new byte[max];
        int n = in.read(buffer);
        return n <= 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
    }

    /**
     * A plain SMTP server up to the first command whose verb is {@code stopAt}: greets, answers EHLO with
     * {@code extensions}, HELO and NOOP. Returns when {@code stopAt} arrives (not answered), false at EOF.
     */
    public boolean smtpUntil(String stopAt, List<String> extensions) throws IOException {
        send("220 hostile.test ESMTP scripted\r\n");
        String line;
        while ((line = readLine()) != null) {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            if (verb.equals(stopAt)) {
                return true;
            }
            switch (verb) {
                case "EHLO" -> {
                    StringBuilder reply = new StringBuilder("250");
                    reply.append(extensions.isEmpty() ? " " : "-").append("hostile.test\r\n");
                    for (int i = 0; i < extensions.size(); i++) {
                        reply.append("250").append(i == extensions.size() - 1 ? ' ' : '-').append(extensions.get(i)).append("\r\n");
                    }
                    send(reply.toString());
                }
                case "QUIT" -> {
                    send("221 2.0.0 bye\r\n");
                    return false;
                }
                default -> send("250 2.0.0 ok\r\n");
            }
        }
        return false;
    }

    /** Aborts the connection with a TCP RST (SO_LINGER 0), as a crashing server or a firewall would. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Blocks until the client goes away (or the server is closed), sending nothing. */
    public void silentUntilClosed() throws IOException {
        byte[] sink = new byte[1024];
        socket.setSoTimeout(0);
        while (in.read(sink) >= 0) {
            // discard
        }
    }

    /** Holds the connection open without ever reading or writing, until the server is closed. */
    public void neverReadNeverWrite() throws InterruptedException {
        while (!socket.isClosed()) {
            Thread.sleep(100);
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
