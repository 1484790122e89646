package io.smtpscope.hostile;

import io.smtpscope.demo.Conversation;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A STARTTLS-stripping middlebox in front of a well-behaved {@link ScriptedSmtpServer}, like a firewall's
 * "ESMTP inspection": it either masks the keyword in the EHLO reply and the command ({@code XXXXXXXA}), or
 * lets the keyword through but answers the STARTTLS command itself with a 5xx.
 */
final class StrippingProxy implements AutoCloseable {
    enum Style { MASK_KEYWORD, REFUSE_COMMAND }

    private final ScriptedSmtpServer upstream;
    private final ScriptedSmtpServer proxy;

    StrippingProxy(Style style) throws IOException {
        upstream = new ScriptedSmtpServer(ServerScript.wellBehaved("mail.behind-proxy.test",
                DemoPki.serverContext(HostileBatch.pki().issue(List.of("mail.behind-proxy.test"), Duration.ofDays(90))), false));
        proxy = ScriptedSmtpServer.raw(client -> relay(client, style));
    }

    int port() {
        return proxy.port();
    }

    private void relay(Socket clientSocket, Style style) throws Exception {
        try (Socket serverSocket = new Socket(InetAddress.getLoopbackAddress(), upstream.port())) {
            Conversation client = new Conversation(clientSocket);
            Conversation server = new Conversation(serverSocket);
            Thread down = Thread.ofVirtual().start(() -> {
                try {
                    String line;
                    while ((line = server.readLine()) != null) {
                        client.send((style == Style.MASK_KEYWORD ? line.replace("STARTTLS", "XXXXXXXA") : line) + "\r\n");
                    }
                } catch (IOException ignored) {
                    // one side went away
                }
                Conversation.closeQuietly(clientSocket);
            });
            String line;
            while ((line = client.readLine()) != null) {
                boolean startTls = line.toUpperCase(Locale.ROOT).startsWith("STARTTLS");
                if (startTls && style == Style.REFUSE_COMMAND) {
                    client.send("554 5.7.0 STARTTLS refused by policy\r\n");
                } else {
                    server.send((startTls ? "XXXXXXXA" : line) + "\r\n");
                }
            }
            down.join(5_000);
        }
    }

    @Override
    public void close() {
        proxy.close();
        upstream.close();
    }
}
