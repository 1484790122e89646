package io.smtpscope.tls.enumeration;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted implicit-TLS server for enumerator tests: TLS 1.2 only, a fixed suite list, its own order or the
 * client's, and optionally the behaviour of servers that drop any hello with more than {@code maxSuites}
 * suites. It answers ServerHello + ServerHelloDone, or a fatal alert, then closes. Loopback only.
 */
final class FakeTls12Server implements AutoCloseable {
    private final ServerSocket server;
    private final List<Integer> suites;
    private final boolean serverOrder;
    private final int maxSuites;
    final AtomicInteger connections = new AtomicInteger();

    FakeTls12Server(List<Integer> suites, boolean serverOrder, int maxSuites) throws IOException {
        this.suites = List.copyOf(suites);
        this.serverOrder = serverOrder;
        this.maxSuites = maxSuites;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(this::serve);
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                s.setSoTimeout(5_000);
                try {
                    answer(new DataInputStream(s.getInputStream()), s.getOutputStream());
                } catch (RuntimeException malformed) {
                    // not a TLS 1.2-style hello (an SSLv2 one): just close, as many servers do
                }
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void answer(DataInputStream in, OutputStream out) throws IOException {
        byte[] header = new byte[5];
        in.readFully(header);
        byte[] body = new byte[((header[3] & 0xFF) << 8) | (header[4] & 0xFF)];
        in.readFully(body);
        int pos = 4;
        int version = ((body[pos] & 0xFF) << 8) | (body[pos + 1] & 0xFF);
        pos += 2 + 32;
        pos += 1 + (body[pos] & 0xFF);
        int suitesLength = ((body[pos] & 0xFF) << 8) | (body[pos + 1] & 0xFF);
        pos += 2;
        List<Integer> offered = new ArrayList<>();
        for (int i = 0; i < suitesLength / 2; i++) {
            offered.add(((body[pos + 2 * i] & 0xFF) << 8) | (body[pos + 2 * i + 1] & 0xFF));
        }
        if (offered.size() > maxSuites) {
            return; // a picky server: just close
        }
        boolean tls13 = offered.stream().anyMatch(c -> c >> 8 == 0x13);
        if (version != 0x0303 || tls13) {
            out.write(ScriptedTlsServer.alert(AlertDescription.PROTOCOL_VERSION));
            return;
        }
        Integer chosen = null;
        for (int c : serverOrder ? suites : offered) {
            if ((serverOrder ? offered : suites).contains(c)) {
                chosen = c;
                break;
            }
        }
        if (chosen == null) {
            out.write(ScriptedTlsServer.alert(AlertDescription.HANDSHAKE_FAILURE));
            return;
        }
        byte[] hello = new byte[4 + 2 + 32 + 1 + 2 + 1];
        hello[0] = 2;
        hello[3] = (byte) (hello.length - 4);
        hello[4] = 3;
        hello[5] = 3;
        hello[4 + 2 + 32 + 1] = (byte) (chosen >> 8);
        hello[4 + 2 + 32 + 2] = (byte) (int) chosen;
        byte[] done = {14, 0, 0, 0};
        int length = hello.length + done.length;
        byte[] record = new byte[5 + length];
        record[0] = 22;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (length >> 8);
        record[4] = (byte) length;
        System.arraycopy(hello, 0, record, 5, hello.length);
        System.arraycopy(done, 0, record, 5 + hello.length, done.length);
        out.write(record);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
