package io.smtpscope.tls.enumeration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TLS 1.3 suites and groups in one pass. supported_groups with an empty key_share makes the server name its
 * pick in a HelloRetryRequest (RFC 8446 sections 4.1.4 and 4.2.8), which names a suite and a group, so each
 * hello removes one of each. When a hello varying both is refused, one hello with the suites left and every
 * group tells which list ran out; the other goes on alone.
 */
final class Tls13Enumeration implements Enumeration {
    static final String DIMENSION = "TLS 1.3 suites and groups";

    /** Codes in the order the server chose them; a list is null when it could not be tested (see {@code untested}). */
    record Tls13(List<Integer> suites, Boolean serverOrder, List<Integer> groups, String untested) {
    }

    @Override
    public String dimension() {
        return DIMENSION;
    }

    @Override
    public List<Requirement> requirements() {
        return List.of(Requirement.depth(EnumerationDepth.FULL), Requirement.accepted(TlsVersion.TLS13));
    }

    @Override
    public Optional<String> run(EnumerationContext context) {
        VersionEnumeration.Versions versions = context.versions();
        Tls13 found = enumerate(context.runner(), versions.firstHello().get(TlsVersion.TLS13), versions.suitesPerHello());
        context.tls13(found);
        return Optional.ofNullable(found.untested());
    }

    /** {@code first}: the TLS 1.3 version hello's answer, the first step for free. */
    static Tls13 enumerate(HelloRunner runner, ServerFlight.Hello first, int suitesPerHello) {
        List<Integer> allSuites = HelloOffers.codes(HelloOffers.suites(TlsVersion.TLS13));
        List<Integer> allGroups = HelloOffers.groupCodes(NamedGroup.tls13Groups());
        Narrowing suites = new Narrowing("suites", allSuites);
        Narrowing groups = new Narrowing("groups", allGroups);
        ServerFlight.Hello h = first;
        OrderEvidence evidence = new OrderEvidence();
        for (int guard = 0; guard < allSuites.size() + allGroups.size() + 4; guard++) {
            if (h != null) {
                suites.record(h.cipherSuite());
                groups.record(h.group());
            }
            if (suites.done && groups.done) {
                break;
            }
            List<Integer> offered = List.copyOf(suites.offer());
            HelloExchange.Outcome outcome = hello(runner, offered, groups.offer());
            if (outcome instanceof HelloExchange.Outcome.Failed f) {
                suites.fail(f.reason());
                groups.fail(f.reason());
                break;
            }
            h = outcome.accepted(TlsVersion.TLS13).orElse(null);
            if (h != null) {
                evidence.answered(offered, h.cipherSuite());
                continue;
            }
            // refused
            if (suites.done || groups.done) {
                suites.done = true;
                groups.done = true;
                break;
            }
            List<Integer> rest = List.copyOf(suites.left);
            outcome = hello(runner, rest, allGroups);
            if (outcome instanceof HelloExchange.Outcome.Failed f) {
                suites.fail(f.reason());
                groups.fail(f.reason());
                break;
            }
            h = outcome.accepted(TlsVersion.TLS13).orElse(null); // recorded at the top of the next round
            if (h != null) {
                evidence.answered(rest, h.cipherSuite());
            }
            if (h != null) {
                groups.done = true; // the suites left still work: it was the groups that ran out
            } else {
                suites.done = true; // no suite left is accepted; the groups go on with every suite
            }
        }
        List<Integer> suitesFound = suites.known() ? suites.found : null;
        Boolean serverOrder = suitesFound == null ? null
                : ServerOrder.enforced(runner, TlsVersion.TLS13, suitesFound, suitesPerHello, evidence);
        String untested = suites.known() && groups.known() ? null
                : suites.known() ? groups.why() : groups.known() ? suites.why() : suites.why() + "; " + groups.why();
        return new Tls13(suitesFound == null ? null : List.copyOf(suitesFound), serverOrder,
                groups.known() ? List.copyOf(groups.found) : null, untested);
    }

    private static HelloExchange.Outcome hello(HelloRunner runner, List<Integer> suiteCodes, List<Integer> groupCodes) {
        return runner.hello(TlsVersion.TLS13, List.copyOf(suiteCodes), List.copyOf(groupCodes));
    }

    /** One list (suites or groups) of the pass: what is left to offer, what was found. */
    private static final class Narrowing {
        final String what;
        final List<Integer> all;
        final List<Integer> left;
        final List<Integer> found = new ArrayList<>();
        boolean done;
        String failure;

        Narrowing(String what, List<Integer> all) {
            this.what = what;
            this.all = all;
            this.left = new ArrayList<>(all);
        }

        /** Notes the server's choice while this list is still being narrowed. */
        void record(Integer chosen) {
            if (done) {
                return;
            }
            if (chosen == null || !left.remove(chosen)) {
                fail("the server chose " + (chosen == null ? "none" : CipherSuiteRegistry.hex(chosen)) + ", which was not offered"); // stop trusting this list
                return;
            }
            found.add(chosen);
            done = left.isEmpty();
        }

        /** While narrowing, the rest; once done, everything (so the other list can go on alone). */
        List<Integer> offer() {
            return done ? all : left;
        }

        void fail(String why) {
            if (!done) {
                failure = why;
                done = true;
            }
        }

        boolean known() {
            return failure == null && !found.isEmpty();
        }

        String why() {
            return what + ": " + (failure != null ? failure : "none found");
        }
    }
}
