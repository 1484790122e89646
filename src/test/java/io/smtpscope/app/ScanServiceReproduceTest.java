package io.smtpscope.app;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.demo.DemoPki;
import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.profile.ProfileLoader;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetParser;
import io.smtpscope.tls.TlsContexts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every scanned endpoint carries the openssl and swaks commands that repeat it, for its address and SNI name. */
class ScanServiceReproduceTest {
    @Test
    void endpointsCarryManualCommandsForTheirAddressAndName() throws Exception {
        TlsContexts.init();
        DemoPki pki = new DemoPki("Reproduce Test CA");
        DemoPki.KeyMaterial key = pki.issue(List.of("mx.example.test"), Duration.ofDays(30));
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(
                ServerScript.wellBehaved("mx.example.test", DemoPki.serverContext(key), false))) {
            ScanRequest request = ScanRequest.of(List.of(TargetParser.parse("mx.example.test:" + server.port())),
                    new ProfileLoader().load("default"), ResolveOverrides.parse(List.of("mx.example.test:127.0.0.1")),
                    TrustAnchors.of(List.of(pki.caCertificate()), "test CA"));
            ScanReport report = new ScanService(new Tool("smtpscope", "test")).run(request, r -> { });
            EndpointResult endpoint = report.endpoints().get(0);
            assertEquals(List.of("openssl s_client -starttls smtp -connect 127.0.0.1:" + server.port()
                            + " -servername mx.example.test -crlf",
                    "swaks --server 127.0.0.1 --port " + server.port() + " --tls --tls-sni mx.example.test --quit-after EHLO"),
                    endpoint.reproduce());
        }
    }
}
