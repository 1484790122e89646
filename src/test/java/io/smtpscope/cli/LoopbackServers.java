package io.smtpscope.cli;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CLI tests' servers: the one scripted server ({@link ScriptedSmtpServer}) presenting certificates of the one
 * test PKI ({@link DemoPki}) on 127.0.0.1, names under .test pinned by --resolve, all closed together.
 */
final class LoopbackServers implements AutoCloseable {
    final DemoPki pki = new DemoPki("smtpscope test CA");
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();

    /** A STARTTLS server for {@code name} whose certificate expires {@code validFor} from now (negative: expired). */
    ScriptedSmtpServer starttls(String name, Duration validFor) throws IOException {
        Instant now = Instant.now();
        DemoPki.KeyMaterial cert = pki.issue(List.of(name), now.minus(Duration.ofDays(30)), now.plus(validFor));
        ScriptedSmtpServer server = new ScriptedSmtpServer(ServerScript.wellBehaved(name, DemoPki.serverContext(cert), false));
        servers.add(server);
        return server;
    }

    /** A certificate a server presents that the test can replace between two scans, on the same port. */
    final class Swappable {
        private final AtomicReference<DemoPki.KeyMaterial> current = new AtomicReference<>();
        private final String name;
        final ScriptedSmtpServer server;

        Swappable(String name, Duration validFor) throws IOException {
            this.name = name;
            swap(validFor);
            this.server = new ScriptedSmtpServer(ServerScript.wellBehaved(name, DemoPki.serverContext(current::get), false));
            servers.add(server);
        }

        /** Presents a newly issued certificate from the next handshake on. */
        void swap(Duration validFor) {
            Instant now = Instant.now();
            current.set(pki.issue(List.of(name), now.minus(Duration.ofDays(1)), now.plus(validFor)));
        }
    }

    Swappable swappable(String name, Duration validFor) throws IOException {
        return new Swappable(name, validFor);
    }

    Path caFile(Path dir) throws IOException {
        Path file = dir.resolve("ca.pem");
        pki.writeCaPem(file);
        return file;
    }

    /** Scan arguments for one server: pinned name, our CA only, a short total timeout. */
    static List<String> scanArgs(String name, ScriptedSmtpServer server, Path ca) {
        return List.of(name + ":" + server.port() + "/starttls", "--resolve", name + ":127.0.0.1", "--ca-file", ca.toString(), "--ca-only");
    }

    @Override
    public void close() {
        servers.forEach(ScriptedSmtpServer::close);
    }
}
