package io.smtpscope.vuln;

import io.smtpscope.net.DialGoal;
import io.smtpscope.net.Dialed;
import io.smtpscope.probe.StartTlsInjectionProbe;
import io.smtpscope.result.VulnerabilityStatus;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.target.Mode;

import java.util.List;
import java.util.Optional;

/**
 * STARTTLS command injection (CVE-2011-0411 class; {@link StartTlsInjectionProbe} does the work): one connection,
 * dialed to EHLO in plaintext, then {@code STARTTLS} and {@code NOOP} in one write and the handshake. Safe: NOOP
 * changes nothing, and the connection ends with QUIT inside TLS.
 */
final class StartTlsInjectionCheck implements VulnerabilityCheck {
    static final String ID = "starttls_injection";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<CheckRequirement> requirements() {
        return List.of(CheckRequirement.tlsEndpoint(), StartTlsInjectionCheck::startTlsEndpoint);
    }

    /** Only STARTTLS can be injected into: implicit TLS has no plaintext phase. */
    private static Optional<String> startTlsEndpoint(CheckContext context) {
        return context.endpoint().target().mode() == Mode.STARTTLS ? Optional.empty()
                : Optional.of("not a STARTTLS endpoint (" + context.endpoint().target().mode() + ")");
    }

    @Override
    public int maxConnections() {
        return 1;
    }

    @Override
    public Verdict run(CheckContext context) {
        Transcript transcript = new Transcript();
        try (Dialed dialed = context.dial(DialGoal.PLAINTEXT_EHLO, transcript)) {
            if (dialed.error() != null) {
                return Verdict.notTested("the connection did not reach EHLO: " + dialed.error().message());
            }
            StartTlsInjectionProbe.Outcome outcome = StartTlsInjectionProbe.run(dialed);
            VulnerabilityStatus status = switch (outcome.status()) {
                case VULNERABLE -> VulnerabilityStatus.VULNERABLE;
                case NOT_VULNERABLE -> VulnerabilityStatus.NOT_VULNERABLE;
                case NOT_TESTED -> VulnerabilityStatus.NOT_TESTED;
            };
            Evidence evidence = new Evidence();
            outcome.evidence().forEach(evidence::put);
            return new Verdict(status, outcome.reason(), evidence.asMap());
        } catch (CheckContext.NoConnection e) {
            return Verdict.notTested(e.getMessage());
        }
    }
}
