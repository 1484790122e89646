package io.smtpscope.tls.enumeration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The suites one SSLv3-TLS 1.2 version accepts, and whether the server enforces its order: offer all, note
 * the choice, remove it, offer the rest, until the server refuses. A server that enforces its order reveals
 * that order on the way, and often shows that it does ({@link OrderEvidence}); {@link ServerOrder} asks when not. Chunked for picky servers.
 */
final class LegacySuiteEnumeration implements Enumeration {
    /** The versions this runs for, in the order they run. */
    static final List<TlsVersion> VERSIONS = List.of(TlsVersion.TLS12, TlsVersion.TLS11, TlsVersion.TLS10, TlsVersion.SSLV3);

    /** {@code accepted}: codes in the order the server chose them; {@code serverOrder}: null when not telling. */
    record Suites(TlsVersion version, List<Integer> accepted, Boolean serverOrder) {
        Suites {
            accepted = List.copyOf(accepted);
        }
    }

    private final TlsVersion version;

    LegacySuiteEnumeration(TlsVersion version) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException(version.label() + " suites are not enumerated this way");
        }
        this.version = version;
    }

    static String dimension(TlsVersion v) {
        return "cipher suites " + v.label();
    }

    @Override
    public String dimension() {
        return dimension(version);
    }

    @Override
    public List<Requirement> requirements() {
        return List.of(Requirement.depth(EnumerationDepth.FULL), Requirement.accepted(version));
    }

    @Override
    public Optional<String> run(EnumerationContext context) {
        VersionEnumeration.Versions versions = context.versions();
        return switch (enumerate(context.runner(), version, versions.firstHello().get(version),
                versions.firstOffered().get(version), versions.suitesPerHello())) {
            case Attempt.Done<Suites> done -> {
                context.legacySuites(done.result());
                yield Optional.empty();
            }
            case Attempt.CouldNotTest<Suites> failed -> Optional.of(failed.reason());
        };
    }

    /** {@code first}: the version hello's answer, the first step for free. */
    static Attempt<Suites> enumerate(HelloRunner runner, TlsVersion v, ServerFlight.Hello first, int suitesPerHello) {
        return enumerate(runner, v, first, null, suitesPerHello);
    }

    /** {@code firstOffered}: the suites the version hello offered, when known (its answer is evidence of order too). */
    static Attempt<Suites> enumerate(HelloRunner runner, TlsVersion v, ServerFlight.Hello first, List<Integer> firstOffered,
                                     int suitesPerHello) {
        List<CipherSuite> remaining = new ArrayList<>(HelloOffers.suites(v, suitesPerHello));
        if (!remaining.removeIf(s -> s.code() == first.cipherSuite())) {
            return notOffered(first.cipherSuite()); // a protocol violation: do not trust this list
        }
        List<Integer> accepted = new ArrayList<>(List.of(first.cipherSuite()));
        OrderEvidence evidence = new OrderEvidence();
        if (firstOffered != null) {
            evidence.answered(firstOffered, first.cipherSuite());
        }
        while (!remaining.isEmpty()) {
            List<CipherSuite> offer = remaining.subList(0, Math.min(remaining.size(), suitesPerHello));
            HelloExchange.Outcome outcome = runner.hello(v, HelloOffers.codes(offer), HelloOffers.allGroups(v));
            if (outcome instanceof HelloExchange.Outcome.Failed f) {
                return new Attempt.CouldNotTest<>(f.reason()); // could not finish: the list stays unknown
            }
            Optional<ServerFlight.Hello> next = outcome.accepted(v);
            if (next.isPresent()) {
                int chosen = next.get().cipherSuite();
                evidence.answered(HelloOffers.codes(offer), chosen); // before the removal below shortens the offer
                if (!remaining.removeIf(s -> s.code() == chosen)) {
                    return notOffered(chosen);
                }
                accepted.add(chosen);
                continue;
            }
            // refused: nothing else in this chunk is accepted; go on with the next chunk, if any
            remaining.subList(0, offer.size()).clear();
        }
        return new Attempt.Done<>(new Suites(v, accepted, ServerOrder.enforced(runner, v, accepted, suitesPerHello, evidence)));
    }

    private static Attempt<Suites> notOffered(int suite) {
        return new Attempt.CouldNotTest<>("the server chose " + CipherSuiteRegistry.hex(suite) + ", which was not offered");
    }
}
