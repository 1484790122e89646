package io.smtpscope.report;

import io.smtpscope.demo.DemoEnvironment;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.engine.Resolver;
import io.smtpscope.app.ScanRequest;
import io.smtpscope.app.ScanService;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetParser;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Real scans of in-JVM servers on loopback, shared by the report tests (each scan takes about a second): for
 * what must have gone through the engine. Hand-made results with exact facts come from {@code result/Synthetic}.
 */
final class ScanFixtures {
    static final String SCRIPT_BANNER = "<script>alert(1)</script>";
    static final String IMG_BANNER = "\"><img src=x onerror=alert(1)>";
    static final String EHLO_ATTACK = "X-<b onmouseover=alert(2)>'\"&amp;";

    private static ScanReport demo;

    private ScanFixtures() {
    }

    static Profile quickProfile() {
        return Profile.builtIn().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    /** The built-in demo: five endpoints (good STARTTLS, good implicit TLS, careless, stripped, closed). */
    static synchronized ScanReport demo() throws Exception {
        if (demo == null) {
            try (DemoEnvironment env = DemoEnvironment.start()) {
                demo = new ScanService(new Tool("smtpscope", "test")).run(new ScanRequest(env.targets(), List.of(),
                        quickProfile(), Optional.empty(), env.overrides(), env.trustAnchors(), 4, 2, false,
                        Resolver.system(), Clock.systemUTC()), r -> { });
            }
        }
        return demo;
    }

    /** A server whose greeting and EHLO lines try to inject markup, scanned through the engine. */
    static ScanReport hostile() throws Exception {
        DemoPki pki = new DemoPki("hostile test CA");
        DemoPki.KeyMaterial key = pki.issue(List.of("evil.test"), Duration.ofDays(30));
        ServerScript script = ServerScript.wellBehaved("evil.test", DemoPki.serverContext(key), false)
                .withBanner(List.of(SCRIPT_BANNER, IMG_BANNER))
                .withEhloBeforeTls(List.of("PIPELINING", EHLO_ATTACK, "STARTTLS"));
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(script)) {
            ResolveOverrides overrides = ResolveOverrides.none();
            overrides.add("evil.test:127.0.0.1");
            return new ScanService(new Tool("smtpscope", "test")).run(new ScanRequest(
                    List.of(TargetParser.parse("evil.test:" + server.port() + "/starttls")), List.of(), quickProfile(),
                    Optional.empty(), overrides, io.smtpscope.cert.TrustAnchors.of(List.of(pki.caCertificate()), "test CA"),
                    2, 2, false, Resolver.system(), Clock.systemUTC()), r -> { });
        }
    }
}
