package io.smtpscope.tls.enumeration;

import io.smtpscope.net.ProbeSettings;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.Mode;
import io.smtpscope.target.Target;

import java.net.InetAddress;
import java.time.Duration;

/** Hello runners for the enumeration tests: short timeouts, a 1 ms first backoff, the real opener unless given. */
final class Runners {
    static final ProbeSettings FAST = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));

    private Runners() {
    }

    static HelloRunner to(Endpoint endpoint) {
        return to(endpoint, HelloRunner.startTls(FAST));
    }

    static HelloRunner to(Endpoint endpoint, HelloRunner.Opener opener) {
        return new HelloRunner(FAST, endpoint, 400, Duration.ofMinutes(1), 1, opener);
    }

    static HelloRunner to(FakeTls12Server server) {
        return to(endpoint(server));
    }

    static Endpoint endpoint(FakeTls12Server server) {
        return new Endpoint(new Target("127.0.0.1:" + server.port(), "127.0.0.1", server.port(), Mode.IMPLICIT_TLS),
                InetAddress.getLoopbackAddress(), null);
    }
}
