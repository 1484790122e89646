package io.smtpscope.demo;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;

import io.smtpscope.dns.Tlsa;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in demo: in-process SMTP servers on loopback showing what a scan reports for a good
 * STARTTLS server, a good implicit-TLS server, a badly configured one, one behind a STARTTLS-stripping
 * firewall, and a closed port. Names under {@code .test} (RFC 2606) are pinned to 127.0.0.1. Beside them, the mail
 * domain good.test in a signed zone of an in-process DNS server ({@link #domainTargets()}).
 */
public final class DemoEnvironment implements AutoCloseable {
    private final DemoPki pki = new DemoPki("smtpscope demo root CA");
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();
    private final List<TargetSpec> targets = new ArrayList<>();
    private final ResolveOverrides overrides = ResolveOverrides.none();
    private final List<TargetSpec> domainTargets = new ArrayList<>();
    private DemoDnsServer dns;
    private Path trustAnchor;

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
        DemoPki.KeyMaterial good = pki.issue(List.of("mail.good.test", "smtp.good.test", "mx.good.test"), Duration.ofDays(90));
        ScriptedSmtpServer goodStartTls = add("mail.good.test", "starttls",
                ServerScript.wellBehaved("mail.good.test", DemoPki.serverContext(good), false));
        startDns(good, goodStartTls.port());
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

    private ScriptedSmtpServer add(String name, String mode, ServerScript script) throws IOException {
        ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        servers.add(server);
        pin(name);
        targets.add(TargetParser.parse(name + ":" + server.port() + "/" + mode));
        return server;
    }

    /**
     * The mail domain good.test in a DNSSEC-signed zone served in-process: MX mx.good.test (the good STARTTLS
     * server, under another name so that it is scanned again as the domain's MX), a DANE-EE TLSA record (3 1 1) of its key at the port it listens on, TLS-RPT, and no MTA-STS policy
     * (that would need an HTTPS server on port 443).
     */
    private void startDns(DemoPki.KeyMaterial good, int port) throws IOException {
        try {
            Name mail = DemoZone.name("mx.good.test");
            byte[] spki = good.leaf().getPublicKey().getEncoded();
            DemoZone zone = new DemoZone("good.test", true)
                    .add(new MXRecord(DemoZone.name("good.test"), DClass.IN, 300, 10, mail))
                    .add(new ARecord(mail, DClass.IN, 300, InetAddress.getLoopbackAddress()))
                    .add(new TLSARecord(DemoZone.name(Tlsa.ownerName("mx.good.test", port)), DClass.IN, 300, 3, 1, 1,
                            MessageDigest.getInstance("SHA-256").digest(spki)))
                    .add(new TXTRecord(DemoZone.name("_smtp._tls.good.test"), DClass.IN, 300,
                            "v=TLSRPTv1; rua=mailto:tlsrpt@good.test"))
                    .seal();
            dns = new DemoDnsServer(List.of(zone));
            trustAnchor = Files.createTempFile("smtpscope-demo-anchor", ".txt");
            Files.writeString(trustAnchor, zone.trustAnchor().orElseThrow() + "\n", StandardCharsets.US_ASCII);
            domainTargets.add(TargetParser.parseMxDomain("good.test:" + port));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the demo zone: " + e.getMessage(), e);
        }
    }

    /** The demo's mail domain, to scan through {@link #dnsServer()} with {@link #trustAnchor()}. */
    public List<TargetSpec> domainTargets() {
        return List.copyOf(domainTargets);
    }

    /** The in-process DNS server holding the demo's signed zone ({@code 127.0.0.1:PORT}). */
    public InetSocketAddress dnsServer() {
        String[] hostPort = dns.address().split(":");
        return new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    }

    /** A file holding the demo zone's key, the DNSSEC trust anchor of a validating resolver; deleted on close. */
    public Path trustAnchor() {
        return trustAnchor;
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
        if (dns != null) {
            dns.close();
        }
        if (trustAnchor != null) {
            try {
                Files.deleteIfExists(trustAnchor);
            } catch (IOException ignored) {
                // a temporary file: nothing else to do
            }
        }
    }
}
