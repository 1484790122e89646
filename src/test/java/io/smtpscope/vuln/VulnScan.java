package io.smtpscope.vuln;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.probe.EndpointProbe;
import io.smtpscope.result.ProbeObservation;
import io.smtpscope.result.TlsResult;
import io.smtpscope.result.VulnerabilityResult;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;
import io.smtpscope.tls.enumeration.EnumerationDepth;
import io.smtpscope.tls.enumeration.EnumerationStep;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What the scan does for one endpoint, up to the vulnerability checks: probe, enumeration (depth of the caller's
 * choice), then the checks, all inside one endpoint deadline. Tests read the checks' results and the elapsed time.
 */
record VulnScan(List<VulnerabilityResult> results, TlsResult tls, long elapsedMillis, EndpointDeadline deadline) {
    static final ProbeSettings SETTINGS = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60));

    static Endpoint endpoint(String host, int port, Mode mode) throws Exception {
        return new Endpoint(new Target(host + ":" + port, host, port, mode), InetAddress.getByName(host), "mail.smtpscope.test");
    }

    static VulnScan run(Endpoint endpoint, EnumerationDepth depth, ProbeSettings settings, String... checkIds) {
        long t0 = System.nanoTime();
        EndpointDeadline deadline = EndpointDeadline.startingNow(settings.totalTimeout());
        ProbeObservation probed = new EndpointProbe(settings, new ChainValidator(TrustAnchors.jdkDefault()), Clock.systemUTC())
                .run(endpoint, deadline);
        TlsResult tls = new EnumerationStep(settings, depth).apply(endpoint, probed, deadline);
        List<VulnerabilityResult> results = new VulnerabilityStep(settings, CheckCatalogue.create(List.of(checkIds)))
                .apply(endpoint, probed, tls, deadline);
        return new VulnScan(results, tls, (System.nanoTime() - t0) / 1_000_000, deadline);
    }

    static VulnScan run(Endpoint endpoint, String... checkIds) {
        return run(endpoint, EnumerationDepth.FULL, SETTINGS, checkIds);
    }

    VulnerabilityResult result(String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no result for " + id + ": " + results));
    }
}
