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

    /**
     * {@code accepted}: codes in the order the server chose them; {@code serverOrder}: null when not telling;
     * {@code curvesSeen}: the ECDHE curves the server chose on the way, in the order first seen (what the curve
     * enumeration need not ask again).
     */
    record Suites(TlsVersion version, List<Integer> accepted, Boolean serverOrder, List<Integer> curvesSeen) {
        Suites {
            accepted = List.copyOf(accepted);
            curvesSeen = List.copyOf(curvesSeen);
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
        List<Integer> curvesSeen = new ArrayList<>();
        noteCurve(first, true, curvesSeen);
        OrderEvidence evidence = new OrderEvidence();
        if (firstOffered != null) {
            evidence.answered(firstOffered, first.cipherSuite());
        }
        while (!remaining.isEmpty()) {
            List<CipherSuite> offer = remaining.subList(0, Math.min(remaining.size(), suitesPerHello));
            HelloExchange.Outcome outcome = runner.hello(v, HelloOffers.codes(offer), HelloOffers.unseenCurvesFirst(v, curvesSeen));
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
                noteCurve(next.get(), false, curvesSeen);
                continue;
            }
            // refused: nothing else in this chunk is accepted; go on with the next chunk, if any
            remaining.subList(0, offer.size()).clear();
        }
        return new Attempt.Done<>(new Suites(v, accepted, ServerOrder.enforced(runner, v, accepted, suitesPerHello, evidence),
                curvesSeen));
    }

    /**
     * Keeps the ECDHE curve of an answer, when it is one we offer and new. The offers put the curves not seen yet
     * first: a server that follows the client's order then names a new curve with each ECDHE suite, so the curve
     * enumeration afterwards only has to hear the refusal (4 hellos fewer on a server with 5 curves). A server
     * that follows its own order names its favourite every time, as with any order.
     * <p>
     * Under an ECDSA-signed suite only the version hello's curve counts ({@code versionHello}: offered every curve
     * in our order, the server's first choice, as the curve enumeration itself would ask): supported_groups also
     * names the curves the client can verify the certificate's key on (RFC 8422 section 5.1), so such a server
     * may accept a curve for the key exchange only while its certificate's curve is offered too, which the curve
     * enumeration (offering only the curves not yet seen) and sslscan do not count.
     */
    private static void noteCurve(ServerFlight.Hello answer, boolean versionHello, List<Integer> curvesSeen) {
        Integer curve = answer.ecdheCurve();
        if (!versionHello && HelloOffers.ecdsaSigned(answer.cipherSuite())) {
            return;
        }
        if (curve != null && !curvesSeen.contains(curve) && HelloOffers.legacyCurveCodes().contains(curve)) {
            curvesSeen.add(curve);
        }
    }

    private static Attempt<Suites> notOffered(int suite) {
        return new Attempt.CouldNotTest<>("the server chose " + CipherSuiteRegistry.hex(suite) + ", which was not offered");
    }
}
