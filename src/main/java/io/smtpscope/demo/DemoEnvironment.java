package io.smtpscope.demo;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in demo: in-process SMTP servers on loopback showing what a scan reports for a good
 * STARTTLS server, a good implicit-TLS server, a badly configured one, one behind a STARTTLS-stripping
 * firewall, and a closed port. Names under {@code .test} (RFC 2606) are pinned to 127.0.0.1.
 */
public final class DemoEnvironment implements AutoCloseable {
    private final DemoPki pki = new DemoPki("smtpscope demo root CA");
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();
    private final List<TargetSpec> targets = new ArrayList<>();
    private final ResolveOverrides overrides = ResolveOverrides.none();

    public static DemoEnvironment start() throws IOException {
        DemoEnvironment demo = new DemoEnvironment();
        try {
            demo.startServers();
        } catch (IOException | RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    private void startServers() throws IOException {
        DemoPki.KeyMaterial good = pki.issue(List.of("mail.good.test", "smtp.good.test"), Duration.ofDays(90));
        add("mail.good.test", "starttls", ServerScript.wellBehaved("mail.good.test", DemoPki.serverContext(good), false));
        add("smtp.good.test", "implicit-tls", ServerScript.wellBehaved("smtp.good.test", DemoPki.serverContext(good), true));

        // Expired, issued for another name, TLS 1.0 and static-RSA suites, and AUTH in clear text before STARTTLS.
        Instant now = Instant.now();
        DemoPki.KeyMaterial stale = pki.issue(List.of("old-mail.example.net"), now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(12)));
        ServerScript careless = ServerScript.wellBehaved("mail.careless.test", DemoPki.serverContext(stale), false)
                .withLegacyTls()
                .withEhloBeforeTls(List.of("PIPELINING", "SIZE 10240000", "AUTH PLAIN LOGIN", "STARTTLS"));
        add("mail.careless.test", "starttls", careless);

        // What a firewall's SMTP inspection does: STARTTLS masked as XXXXXXXA and refused.
        DemoPki.KeyMaterial firewalled = pki.selfSigned(List.of("mail.firewalled.test"), Duration.ofDays(365));
        ServerScript stripped = ServerScript.wellBehaved("mail.firewalled.test", DemoPki.serverContext(firewalled), false)
                .withEhloBeforeTls(List.of("PIPELINING", "SIZE 10240000", "XXXXXXXA"))
                .withStartTlsReply("500 5.5.1 Command unrecognized");
        add("mail.firewalled.test", "starttls", stripped);

        // A port where nothing listens: taken and released, so the connection is refused.
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        pin("mail.closed.test");
        targets.add(TargetParser.parse("mail.closed.test:" + closed + "/starttls"));
    }

    private void add(String name, String mode, ServerScript script) throws IOException {
        ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        servers.add(server);
        pin(name);
        targets.add(TargetParser.parse(name + ":" + server.port() + "/" + mode));
    }

    private void pin(String name) {
        overrides.add(name + ":" + InetAddress.getLoopbackAddress().getHostAddress());
    }

    public List<TargetSpec> targets() {
        return List.copyOf(targets);
    }

    public ResolveOverrides overrides() {
        return overrides;
    }

    /** Only the demo CA is trusted: the demo shows a trusted chain without touching the JDK store. */
    public TrustAnchors trustAnchors() {
        return TrustAnchors.of(List.of(pki.caCertificate()), "the demo root CA");
    }

    public DemoPki pki() {
        return pki;
    }

    @Override
    public void close() {
        servers.forEach(ScriptedSmtpServer::close);
    }
}
