package io.smtpscope.hostile;

import io.smtpscope.demo.Conversation;
import io.smtpscope.demo.ScriptedSmtpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Puts a slow link in front of another scripted server: everything the server sends reaches the client one
 * byte every {@code delayMillis}; what the client sends passes at once. A probe that reset its timer on
 * every byte would never end.
 */
final class DripProxy implements AutoCloseable {
    private final ScriptedSmtpServer backend;
    private final ScriptedSmtpServer front;

    DripProxy(ScriptedSmtpServer.Behaviour behind, long delayMillis) throws IOException {
        backend = ScriptedSmtpServer.raw(behind);
        front = ScriptedSmtpServer.raw(client -> {
            try (Socket server = new Socket(InetAddress.getLoopbackAddress(), backend.port())) {
                Thread up = Thread.ofVirtual().start(() -> copy(client, server, 0));
                copy(server, client, delayMillis);
                up.join(1_000);
            }
        });
    }

    int port() {
        return front.port();
    }

    private static void copy(Socket from, Socket to, long delayMillis) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[delayMillis > 0 ? 1 : 4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // one side went away
        } finally {
            Conversation.closeQuietly(to);
        }
    }

    @Override
    public void close() {
        front.close();
        backend.close();
    }
}
