package io.smtpscope.demo;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The server side of one connection of a {@link ScriptedSmtpServer}: bounded line reads, raw writes, SMTP
 * replies, and the moves hostile scenarios need (a minimal dialogue up to a chosen command, a TLS upgrade
 * with any certificate, bytes dripped slowly, silence, a TCP reset).
 */
public final class Conversation {
    /** Longer lines are cut here (the rest of the line is read and dropped): a client cannot make us buffer more. */
    public static final int MAX_LINE = 4096;
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

    /** Sends {@code text} one byte per character (ISO-8859-1), so {@code \u00ff} is the byte 0xff. */
    public Conversation send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Conversation send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One SMTP reply (RFC 5321 section 4.2): {@code code-} on every line but the last, UTF-8. */
    public Conversation reply(int code, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i < lines.size() - 1 ? '-' : ' ').append(lines.get(i)).append("\r\n");
        }
        return send(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code bytes} one at a time, {@code perByte} apart: a slow link, or a server stretching a timeout. */
    public Conversation drip(byte[] bytes, Duration perByte) throws IOException, InterruptedException {
        for (byte b : bytes) {
            send(new byte[]{b});
            Thread.sleep(perByte);
        }
        return this;
    }

    /** One line without its line ending (LF, CR LF; a lone CR is dropped), at most {@link #MAX_LINE} characters; null at end of stream. */
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
        return n <= 0 ? new byte[0] : Arrays.copyOf(buffer, n);
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

    /**
     * The server side of a TLS handshake over this connection, presenting what {@code context} holds, and the
     * conversation inside it. Whatever the client sent before is the handshake's to read.
     */
    public Conversation upgradeToTls(SSLContext context) throws IOException {
        SSLSocket tls = tlsSocket(socket, context);
        tls.startHandshake();
        return new Conversation(tls);
    }

    static SSLSocket tlsSocket(Socket plain, SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(false);
        return tls;
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

    public static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
