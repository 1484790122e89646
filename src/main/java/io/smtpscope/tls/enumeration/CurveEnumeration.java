package io.smtpscope.tls.enumeration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ECDHE curves a TLS 1.2-or-below server accepts, read from its ServerKeyExchange (RFC 8422 section 5.4):
 * offer the ECDHE suites it accepted with every curve left, note the curve, remove it, repeat. It runs at the
 * highest such version, once the suite lists are in; the curves the server chose during that version's suite
 * list ({@link LegacySuiteEnumeration.Suites#curvesSeen}) are taken for free.
 */
final class CurveEnumeration implements Enumeration {
    static final String DIMENSION = "ECDHE curves";

    /** {@code curves}: codes in the order the server chose them, at {@code version}. */
    record Curves(TlsVersion version, List<Integer> curves) {
        Curves {
            curves = List.copyOf(curves);
        }
    }

    @Override
    public String dimension() {
        return DIMENSION;
    }

    @Override
    public List<Requirement> requirements() {
        List<Requirement> needs = new ArrayList<>();
        needs.add(Requirement.depth(EnumerationDepth.FULL));
        for (TlsVersion v : LegacySuiteEnumeration.VERSIONS) {
            needs.add(Requirement.after(LegacySuiteEnumeration.dimension(v)));
        }
        // final only once every suite list is in (an unmet requirement is never looked at again)
        needs.add(context -> LegacySuiteEnumeration.VERSIONS.stream()
                .filter(v -> !context.settled(LegacySuiteEnumeration.dimension(v))).findFirst()
                .<Requirement.Status>map(v -> new Requirement.Status.Waiting(LegacySuiteEnumeration.dimension(v)))
                .orElseGet(() -> ecdheVersion(context).isPresent() ? Requirement.MET
                        : new Requirement.Status.Unmet("no TLS 1.2-or-below version accepted an ECDHE suite")));
        return needs;
    }

    @Override
    public Optional<String> run(EnumerationContext context) {
        TlsVersion v = ecdheVersion(context).orElseThrow();
        List<Integer> seen = context.legacySuites().get(v).curvesSeen();
        return switch (enumerate(context.runner(), v, ecdheSuites(context, v), seen)) {
            case Attempt.Done<Curves> done -> {
                context.curves(done.result());
                yield Optional.empty();
            }
            case Attempt.CouldNotTest<Curves> failed -> Optional.of(failed.reason());
        };
    }

    /** The highest TLS 1.2-or-below version whose suite list has an ECDHE suite. */
    static Optional<TlsVersion> ecdheVersion(EnumerationContext context) {
        return LegacySuiteEnumeration.VERSIONS.stream().filter(v -> !ecdheSuites(context, v).isEmpty()).findFirst();
    }

    private static List<Integer> ecdheSuites(EnumerationContext context, TlsVersion v) {
        LegacySuiteEnumeration.Suites suites = context.legacySuites().get(v);
        return suites == null ? List.of() : suites.accepted().stream().filter(HelloOffers::ecdhe).toList();
    }

    /** {@code seen}: curves the server already chose at {@code v}, in that order; they cost no hello. */
    static Attempt<Curves> enumerate(HelloRunner runner, TlsVersion v, List<Integer> ecdheSuites, List<Integer> seen) {
        List<Integer> remaining = new ArrayList<>(HelloOffers.legacyCurveCodes());
        List<Integer> accepted = new ArrayList<>();
        for (Integer curve : seen) {
            if (remaining.remove(curve)) {
                accepted.add(curve);
            }
        }
        while (!remaining.isEmpty()) {
            HelloExchange.Outcome outcome = runner.hello(v, ecdheSuites, List.copyOf(remaining));
            if (outcome instanceof HelloExchange.Outcome.Failed f) {
                return new Attempt.CouldNotTest<>(f.reason());
            }
            Optional<ServerFlight.Hello> h = outcome.accepted(v);
            if (h.isEmpty()) {
                break; // refused: no curve left is accepted
            }
            Integer curve = h.get().ecdheCurve();
            if (curve == null || !remaining.remove(curve)) {
                // no ServerKeyExchange read, or a curve we did not offer: keep what is certain, if anything
                return accepted.isEmpty() ? new Attempt.CouldNotTest<>(curve == null ? "no ECDHE curve in the answer"
                        : "the server chose curve " + NamedGroup.name(curve) + ", which was not offered")
                        : new Attempt.Done<>(new Curves(v, accepted));
            }
            accepted.add(curve);
        }
        return new Attempt.Done<>(new Curves(v, accepted));
    }
}
