package io.smtpscope.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** The TCP socket itself. Each read waits at most until the phase deadline. */
public final class PlainTransport implements Transport {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public PlainTransport(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public int read(byte[] buffer, int offset, int len, Deadline deadline) throws IOException {
        int remaining = deadline.remainingMillis();
        if (remaining == 0) {
            throw deadline.timeout();
        }
        socket.setSoTimeout(remaining);
        try {
            return in.read(buffer, offset, len);
        } catch (SocketTimeoutException e) {
            throw deadline.timeout();
        }
    }

    @Override
    public void write(byte[] data, Deadline deadline) throws IOException {
        if (deadline.expired()) {
            throw deadline.timeout();
        }
        // Writes are a few hundred bytes at most; a peer that never reads is cut off by the endpoint watchdog.
        out.write(data);
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the result is already recorded
        }
    }
}
