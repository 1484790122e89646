package io.smtpscope.tls.enumeration;

import io.smtpscope.target.Endpoint;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.TlsExtensionsSeen;
import io.smtpscope.result.TlsResult;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.Transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Enumerates what one endpoint's TLS accepts, with raw hellos of our own and as few connections as the
 * method allows. One connection carries one hello (a refused hello ends the connection), and connections
 * run one after another: the engine holds the endpoint's per-address permit while this runs, so the
 * per-address limit holds by construction.
 * <ul>
 * <li>Versions: one hello per version with every suite of that version. The first answers are also the
 * first step of the suite enumeration, so they cost nothing extra.</li>
 * <li>Suites: offer all, note the choice, remove it, offer the rest, until the server refuses; a server
 * that enforces its order reveals that order on the way. One more hello with the accepted suites
 * reversed tells whether it enforces it.</li>
 * <li>TLS 1.3 groups: supported_groups with an empty key_share, so the server names its pick in a
 * HelloRetryRequest (RFC 8446 section 4.1.4); remove and repeat. TLS 1.2 ECDHE curves likewise, read from
 * the ServerKeyExchange (RFC 8422 section 5.4). DHE sizes and extensions come free from those hellos.</li>
 * </ul>
 * A failure (time-out, 421, refused connection) is retried a bounded number of times with backoff; what
 * still cannot be tested is reported as null, never guessed.
 */
public final class TlsEnumerator {
    private static final int MAX_RETRIES = 3;
    /**
     * Some old servers and middleboxes drop a hello with hundreds of suites (or of 256-511 bytes, RFC 7685
     * section 1). When the whole-registry hello draws a close or a decode-type alert, one retry with this many
     * common suites tells a size problem from an unsupported version; the run then offers in chunks this big.
     */
    static final int SMALL_HELLO_SUITES = 64;
    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final List<TlsVersion> VERSIONS_HIGH_FIRST = List.of(
            TlsVersion.TLS13, TlsVersion.TLS12, TlsVersion.TLS11, TlsVersion.TLS10, TlsVersion.SSLV3, TlsVersion.SSLV2);

    private final ProbeSettings settings;
    private final EnumerationDepth depth;
    private final int maxConnections;
    private final Duration budget;
    private final long firstBackoffMillis;
    private final CipherSuiteRegistry registry = CipherSuiteRegistry.bundled();

    public TlsEnumerator(ProbeSettings settings, EnumerationDepth depth) {
        this(settings, depth, 400, Duration.ofMinutes(10));
    }

    public TlsEnumerator(ProbeSettings settings, EnumerationDepth depth, int maxConnections, Duration budget) {
        this(settings, depth, maxConnections, budget, FIRST_BACKOFF_MILLIS);
    }

    TlsEnumerator(ProbeSettings settings, EnumerationDepth depth, int maxConnections, Duration budget, long firstBackoffMillis) {
        this.settings = settings;
        this.depth = depth;
        this.maxConnections = maxConnections;
        this.budget = budget;
        this.firstBackoffMillis = firstBackoffMillis;
    }

    /** Adds the enumeration to {@code base} (the probe's negotiated session; may be null). */
    public TlsResult enumerate(Endpoint endpoint, TlsResult base) {
        Run run = new Run(endpoint);
        run.execute();
        return run.result(base);
    }

    private final class Run {
        private final Endpoint endpoint;
        private final StartTlsOpener opener = new StartTlsOpener(settings);
        private final long budgetEndsAt;
        private int connections;
        private final Map<String, Boolean> protocols = new LinkedHashMap<>();
        private final Map<String, List<String>> suites = new LinkedHashMap<>();
        private final Map<String, Boolean> preference = new LinkedHashMap<>();
        private final Map<TlsVersion, ServerFlight.Hello> firstHello = new LinkedHashMap<>();
        private List<String> groups;
        private List<String> curves;
        private Integer dhBits;
        private ServerFlight.Hello legacyHello;
        private final CertificatesSeen certificates = new CertificatesSeen();
        private int suitesPerHello = Integer.MAX_VALUE;
        private final Map<TlsVersion, Integer> topCurve = new LinkedHashMap<>();

        Run(Endpoint endpoint) {
            this.endpoint = endpoint;
            this.budgetEndsAt = System.nanoTime() + budget.toNanos();
        }

        void execute() {
            for (TlsVersion v : VERSIONS_HIGH_FIRST) {
                protocols.put(v.label(), null);
            }
            for (TlsVersion v : VERSIONS_HIGH_FIRST) {
                protocols.put(v.label(), versionSupported(v));
            }
            if (depth != EnumerationDepth.FULL) {
                return;
            }
            if (Boolean.TRUE.equals(protocols.get(TlsVersion.TLS13.label()))) {
                enumerateTls13();
            }
            for (TlsVersion v : VERSIONS_HIGH_FIRST) {
                if (v != TlsVersion.SSLV2 && v != TlsVersion.TLS13 && Boolean.TRUE.equals(protocols.get(v.label()))) {
                    enumerateSuites(v);
                }
            }
            curves = enumerateCurves();
        }

        private Boolean versionSupported(TlsVersion v) {
            if (v == TlsVersion.SSLV2) {
                return classify(v, hello(v, List.of(), allGroups(v)));
            }
            List<Integer> offer = ordered(v);
            HelloExchange.Outcome outcome = hello(v, chunk(offer), allGroups(v));
            if (suitesPerHello == Integer.MAX_VALUE && offer.size() > SMALL_HELLO_SUITES && looksLikeSizeTrouble(outcome)) {
                List<Integer> common = codes(commonFirst(offerable(v)));
                HelloExchange.Outcome small = hello(v, common.subList(0, SMALL_HELLO_SUITES), allGroups(v));
                if (accepted(small, v) || small instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Alert
                        && noCommonSuite(small)) {
                    suitesPerHello = SMALL_HELLO_SUITES; // it reads small hellos: offer in chunks from now on
                    outcome = small;
                    offer = common;
                }
            }
            // offering in chunks: "no common suite" for one chunk proves nothing about the next
            for (int from = suitesPerHello; from < offer.size() && noCommonSuite(outcome); from += suitesPerHello) {
                outcome = hello(v, offer.subList(from, Math.min(offer.size(), from + suitesPerHello)), allGroups(v));
            }
            return classify(v, outcome);
        }

        private Boolean classify(TlsVersion v, HelloExchange.Outcome outcome) {
            return switch (outcome) {
                case HelloExchange.Outcome.Failed f -> null;
                case HelloExchange.Outcome.Closed c -> false;
                case HelloExchange.Outcome.Answered a -> switch (a.flight()) {
                    case ServerFlight.Hello h when h.version() == v.code() -> {
                        firstHello.put(v, h);
                        yield true;
                    }
                    case ServerFlight.Ssl2Hello s -> v == TlsVersion.SSLV2 && !s.cipherKinds().isEmpty();
                    default -> false; // an alert, an SSLv2 error, or the server chose another version
                };
            };
        }

        /** Offer, note the choice, remove it, offer again (see the class comment); chunked for picky servers. */
        private void enumerateSuites(TlsVersion v) {
            ServerFlight.Hello first = firstHello.get(v);
            List<CipherSuite> remaining = new ArrayList<>(suitesPerHello == Integer.MAX_VALUE ? offerable(v) : commonFirst(offerable(v)));
            if (!remaining.removeIf(s -> s.code() == first.cipherSuite())) {
                return; // the server chose a suite we did not offer: protocol violation, do not trust this list
            }
            List<Integer> accepted = new ArrayList<>(List.of(first.cipherSuite()));
            while (!remaining.isEmpty()) {
                List<CipherSuite> offer = remaining.subList(0, Math.min(remaining.size(), suitesPerHello));
                HelloExchange.Outcome outcome = hello(v, codes(offer), allGroups(v));
                if (outcome instanceof HelloExchange.Outcome.Failed) {
                    return; // could not finish: the list for this version stays unknown
                }
                if (outcome instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Hello next
                        && next.version() == v.code()) {
                    int chosen = next.cipherSuite();
                    if (!remaining.removeIf(s -> s.code() == chosen)) {
                        return;
                    }
                    accepted.add(chosen);
                    continue;
                }
                // refused: nothing else in this chunk is accepted; go on with the next chunk, if any
                remaining.subList(0, offer.size()).clear();
            }
            suites.put(v.label(), accepted.stream().map(registry::name).toList());
            preference.put(v.label(), enforcesOrder(v, accepted));
        }

        /**
         * Offered in our order the server chose {@code accepted.get(0)} first; offered reversed, a server that
         * enforces its own order still chooses it, one that follows the client chooses the other end.
         */
        private Boolean enforcesOrder(TlsVersion v, List<Integer> accepted) {
            if (accepted.size() < 2) {
                return null; // with one suite there is no order to enforce
            }
            List<Integer> reversed = chunk(new ArrayList<>(accepted).reversed());
            if (reversed.size() < accepted.size()) {
                return null; // too many accepted suites to offer at once to this server
            }
            HelloExchange.Outcome outcome = hello(v, reversed, allGroups(v));
            if (outcome instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Hello h
                    && h.version() == v.code()) {
                return h.cipherSuite() == accepted.get(0);
            }
            return null;
        }

        /**
         * TLS 1.3 suites and groups in one pass: a HelloRetryRequest names a suite and a group (RFC 8446 section
         * 4.1.4), so each hello removes one of each. When a hello varying both is refused, one hello with the
         * suites left and every group tells which list ran out.
         */
        private void enumerateTls13() {
            List<Integer> allSuites = codes(registry.tls13());
            List<Integer> allGroups = codesOfGroups(NamedGroup.tls13Groups());
            Tls13Lists suites13 = new Tls13Lists(allSuites);
            Tls13Lists groups13 = new Tls13Lists(allGroups);
            ServerFlight.Hello h = firstHello.get(TlsVersion.TLS13);
            for (int guard = 0; guard < allSuites.size() + allGroups.size() + 4; guard++) {
                if (h != null) {
                    suites13.record(h.cipherSuite());
                    groups13.record(h.group());
                }
                if (suites13.done && groups13.done) {
                    break;
                }
                h = tls13Hello(suites13.offer(), groups13.offer());
                if (h == FAILED) {
                    suites13.fail();
                    groups13.fail();
                    break;
                }
                if (h != null) {
                    continue;
                }
                // refused
                if (suites13.done || groups13.done) {
                    suites13.done = true;
                    groups13.done = true;
                    break;
                }
                h = tls13Hello(suites13.left, allGroups);
                if (h == FAILED) {
                    suites13.fail();
                    groups13.fail();
                    break;
                }
                if (h != null) {
                    groups13.done = true; // the suites left still work: it was the groups that ran out
                } else {
                    suites13.done = true; // no suite left is accepted; the groups go on with every suite
                }
            }
            if (suites13.known()) {
                suites.put(TlsVersion.TLS13.label(), suites13.found.stream().map(registry::name).toList());
                preference.put(TlsVersion.TLS13.label(), enforcesOrder(TlsVersion.TLS13, suites13.found));
            }
            groups = groups13.known() ? groups13.found.stream().map(NamedGroup::name).toList() : null;
        }

        private static final ServerFlight.Hello FAILED = new ServerFlight.Hello(0, 0, false, null, java.util.Set.of(), null,
                List.of(), null, null, false);

        /** A TLS 1.3 answer, null when refused, {@link #FAILED} when it could not be tested. */
        private ServerFlight.Hello tls13Hello(List<Integer> suiteCodes, List<Integer> groupCodes) {
            HelloExchange.Outcome outcome = hello(TlsVersion.TLS13, List.copyOf(suiteCodes), List.copyOf(groupCodes));
            if (outcome instanceof HelloExchange.Outcome.Failed) {
                return FAILED;
            }
            if (outcome instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Hello h
                    && h.version() == TlsVersion.TLS13.code()) {
                return h;
            }
            return null;
        }

        /** ECDHE curves with the highest TLS 1.2-or-below version that accepted an ECDHE suite. */
        private List<String> enumerateCurves() {
            for (TlsVersion v : List.of(TlsVersion.TLS12, TlsVersion.TLS11, TlsVersion.TLS10, TlsVersion.SSLV3)) {
                List<String> names = suites.get(v.label());
                if (names == null) {
                    continue;
                }
                List<Integer> ecdhe = names.stream().map(registry::byName).flatMap(java.util.Optional::stream)
                        .filter(CipherSuite::ecdhe).map(CipherSuite::code).toList();
                if (ecdhe.isEmpty()) {
                    continue;
                }
                List<Integer> remaining = new ArrayList<>(codesOfGroups(NamedGroup.legacyCurves()));
                List<Integer> accepted = new ArrayList<>();
                Integer known = topCurve.get(v); // seen for free during the suite enumeration
                if (known != null && remaining.remove(known)) {
                    accepted.add(known);
                }
                while (!remaining.isEmpty()) {
                    HelloExchange.Outcome outcome = hello(v, ecdhe, remaining);
                    if (outcome instanceof HelloExchange.Outcome.Failed) {
                        return null;
                    }
                    if (outcome instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Hello h
                            && h.version() == v.code()) {
                        Integer curve = h.ecdheCurve();
                        if (curve == null || !remaining.remove(curve)) {
                            return accepted.isEmpty() ? null : accepted.stream().map(NamedGroup::name).toList();
                        }
                        accepted.add(curve);
                        continue;
                    }
                    break;
                }
                return accepted.stream().map(NamedGroup::name).toList();
            }
            return null;
        }

        /** One connection, one hello, with bounded retries for failures that may pass. */
        private HelloExchange.Outcome hello(TlsVersion v, List<Integer> suiteCodes, List<Integer> groupCodes) {
            HelloExchange.Outcome outcome = new HelloExchange.Outcome.Failed("not tried", false);
            long backoff = firstBackoffMillis;
            for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
                if (connections >= maxConnections || System.nanoTime() - budgetEndsAt > 0) {
                    return new HelloExchange.Outcome.Failed("enumeration budget exhausted", false);
                }
                if (attempt > 0 && !sleep(backoff)) {
                    return outcome;
                }
                backoff *= 2;
                outcome = once(v, suiteCodes, groupCodes);
                if (!(outcome instanceof HelloExchange.Outcome.Failed f) || !f.retry()) {
                    break;
                }
            }
            observe(outcome);
            if (outcome instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Hello h
                    && h.ecdheCurve() != null && h.version() == v.code() && groupCodes.equals(allGroups(v))) {
                topCurve.putIfAbsent(v, h.ecdheCurve()); // offered every curve: this is the server's first choice
            }
            return outcome;
        }

        private HelloExchange.Outcome once(TlsVersion v, List<Integer> suiteCodes, List<Integer> groupCodes) {
            byte[] hello = new ClientHelloBuilder().version(v).suites(suiteCodes.isEmpty() ? List.of(0x002F) : suiteCodes)
                    .serverName(endpoint.nameToCheck()).groups(groupCodes).keyShares(List.of()).build();
            long connectionEndsAt = System.nanoTime() + settings.totalTimeout().toNanos();
            connections++;
            Transport transport;
            try {
                transport = opener.open(endpoint);
            } catch (StartTlsOpener.RefusedException e) {
                return new HelloExchange.Outcome.Failed(e.getMessage(), e.transientFailure());
            }
            try {
                return HelloExchange.exchange(transport, hello, v,
                        Deadline.of("tls-enumeration", settings.tlsTimeout().toMillis(), connectionEndsAt));
            } finally {
                transport.close();
            }
        }

        /** DHE sizes and the TLS 1.2-and-below extensions come free with every hello. */
        private void observe(HelloExchange.Outcome outcome) {
            if (outcome instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Hello h) {
                certificates.add(h.certificates());
                if (h.dhBits() != null) {
                    dhBits = dhBits == null ? h.dhBits() : Math.min(dhBits, h.dhBits());
                }
                if (h.version() <= TlsVersion.TLS12.code() && !h.helloRetry()
                        && (legacyHello == null || h.version() > legacyHello.version())) {
                    legacyHello = h;
                }
            }
        }

        /** Every suite of the version; the common ones first once the server needs small hellos. */
        private List<Integer> ordered(TlsVersion v) {
            return codes(suitesPerHello == Integer.MAX_VALUE ? offerable(v) : commonFirst(offerable(v)));
        }

        private List<Integer> chunk(List<Integer> codes) {
            return codes.size() <= suitesPerHello ? codes : codes.subList(0, suitesPerHello);
        }

        private List<CipherSuite> offerable(TlsVersion v) {
            return v == TlsVersion.TLS13 ? registry.tls13() : registry.legacy();
        }

        private List<Integer> allGroups(TlsVersion v) {
            return codesOfGroups(v == TlsVersion.TLS13 ? NamedGroup.tls13Groups() : NamedGroup.ALL);
        }

        TlsResult result(TlsResult base) {
            TlsExtensionsSeen extensions = null;
            if (legacyHello != null) {
                Set<Integer> ext = new LinkedHashSet<>(legacyHello.extensions());
                extensions = new TlsExtensionsSeen(ext.contains(ClientHelloBuilder.EXT_RENEGOTIATION_INFO),
                        ext.contains(ClientHelloBuilder.EXT_EXTENDED_MASTER_SECRET),
                        ext.contains(ClientHelloBuilder.EXT_SESSION_TICKET),
                        ext.contains(ClientHelloBuilder.EXT_STATUS_REQUEST), legacyHello.alpn());
            }
            boolean full = depth == EnumerationDepth.FULL;
            return new TlsResult(base != null ? base.protocol() : null, base != null ? base.cipherSuite() : null,
                    base != null ? base.sni() : endpoint.nameToCheck(), protocols,
                    full ? suites : null, full ? preference : null, full ? groups : null, full ? curves : null,
                    full ? dhBits : null, extensions, connections, certificates.list());
        }
    }

    private static boolean accepted(HelloExchange.Outcome outcome, TlsVersion v) {
        return outcome instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Hello h
                && h.version() == v.code();
    }

    /** handshake_failure (40) / insufficient_security (71) or a bare close; protocol_version (70) refuses the version. */
    private static boolean noCommonSuite(HelloExchange.Outcome outcome) {
        return outcome instanceof HelloExchange.Outcome.Closed
                || outcome instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Alert alert
                && (alert.description() == 40 || alert.description() == 71);
    }

    /** A close, or an alert that means "could not read your hello", rather than "no common suite or version". */
    static boolean looksLikeSizeTrouble(HelloExchange.Outcome outcome) {
        if (outcome instanceof HelloExchange.Outcome.Closed) {
            return true;
        }
        return outcome instanceof HelloExchange.Outcome.Answered a && a.flight() instanceof ServerFlight.Alert alert
                && (alert.description() == 50 || alert.description() == 47 || alert.description() == 22
                || alert.description() == 80);
    }

    /** The suites most servers run, first: ECDHE before DHE before the rest, AEAD before CBC. */
    static List<CipherSuite> commonFirst(List<CipherSuite> suites) {
        return suites.stream().sorted(java.util.Comparator.comparingInt((CipherSuite s) -> s.ecdhe() ? 0 : s.dhe() ? 1
                        : s.keyExchange().equals("RSA") ? 2 : 3)
                .thenComparingInt(s -> s.aead() ? 0 : s.cbc() ? 1 : 2)
                .thenComparingInt(s -> s.anonymous() || s.export() || s.nullCipher() ? 1 : 0)).toList();
    }

    /** One dimension (suites or groups) of the TLS 1.3 pass: what is left to offer, what was found. */
    private static final class Tls13Lists {
        final List<Integer> all;
        final List<Integer> left;
        final List<Integer> found = new ArrayList<>();
        boolean done;
        boolean failed;

        Tls13Lists(List<Integer> all) {
            this.all = all;
            this.left = new ArrayList<>(all);
        }

        /** Notes the server's choice while this list is still being narrowed. */
        void record(Integer chosen) {
            if (done) {
                return;
            }
            if (chosen == null || !left.remove(chosen)) {
                fail(); // a choice we did not offer: stop trusting this list
                return;
            }
            found.add(chosen);
            done = left.isEmpty();
        }

        /** While narrowing, the rest; once done, everything (so the other list can go on alone). */
        List<Integer> offer() {
            return done ? all : left;
        }

        void fail() {
            if (!done) {
                failed = true;
                done = true;
            }
        }

        boolean known() {
            return !failed && !found.isEmpty();
        }
    }

    private static List<Integer> codes(List<CipherSuite> suites) {
        return suites.stream().map(CipherSuite::code).toList();
    }

    private static List<Integer> codesOfGroups(List<NamedGroup> groups) {
        return groups.stream().map(NamedGroup::code).toList();
    }

    private static boolean sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
