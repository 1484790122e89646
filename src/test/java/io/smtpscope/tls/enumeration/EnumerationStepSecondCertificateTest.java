package io.smtpscope.tls.enumeration;

import io.smtpscope.demo.DemoPki;
import io.smtpscope.net.ConnectionSlots;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.result.Banner;
import io.smtpscope.result.ProbeObservation;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.SmtpResult;
import io.smtpscope.result.TlsResult;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.MxOrigin;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a TLS 1.3-only MX server the enumeration step makes one handshake more for the other key type's certificate,
 * counted in connections_used; an endpoint named directly (no DANE to judge) is not asked.
 */
class EnumerationStepSecondCertificateTest {
    private static final DemoPki PKI = new DemoPki("enumeration step CA");
    private static final DemoPki.KeyMaterial RSA = PKI.certificate("mx.dual.test").key("RSA", 2048).validFor(Duration.ofDays(30)).issue();
    private static final DemoPki.KeyMaterial EC = PKI.certificate("mx.dual.test").key("EC", 256).validFor(Duration.ofDays(30)).issue();

    private static EnumerationOutcome run(Endpoint endpoint, List<X509Certificate> probedChain) {
        ProbeObservation probed = new ProbeObservation(Reachability.OPEN,
                new SmtpResult(new Banner(220, "mx.dual.test ESMTP", null), null, null, null, null, List.of()),
                TlsResult.negotiated("TLSv1.3", "TLS_AES_128_GCM_SHA256", null), null, null, null, List.of(), probedChain);
        return new EnumerationStep(Runners.FAST, EnumerationDepth.PROTOCOLS).run(endpoint, probed,
                EndpointDeadline.startingNow(Duration.ofSeconds(20)), ConnectionSlots.NONE);
    }

    @Test
    void anMxEndpointGetsTheOtherCertificateForOneConnectionMore() throws Exception {
        try (OtherKeyTypeHandshakeTest.Tls13Server server = new OtherKeyTypeHandshakeTest.Tls13Server(RSA, EC)) {
            EnumerationOutcome direct = run(server.endpoint(), RSA.chain());
            EnumerationOutcome viaMx = run(server.endpoint(MxOrigin.exchange("dual.test", 10, "mx.dual.test")), RSA.chain());
            assertTrue(direct.chains().isEmpty(), "named directly: no DANE, no extra handshake");
            assertEquals(List.of(RSA.leaf(), EC.leaf()), viaMx.chains().stream().map(c -> c.get(0)).toList());
            assertEquals(direct.tls().connectionsUsed() + 1, viaMx.tls().connectionsUsed(), "the extra handshake is counted");
        }
    }
}
