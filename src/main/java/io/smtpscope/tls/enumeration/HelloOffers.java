package io.smtpscope.tls.enumeration;

import java.util.Comparator;
import java.util.List;

/** What our hellos offer for a version: every suite and group we know of it, and the helpers to cut it down. */
final class HelloOffers {
    private static final CipherSuiteRegistry REGISTRY = CipherSuiteRegistry.bundled();
    /** No chunking: the whole list goes into one hello. */
    static final int WHOLE_LIST = Integer.MAX_VALUE;

    private HelloOffers() {
    }

    /** TLS 1.3 suites only in TLS 1.3 hellos (RFC 8446 section 4.1.2); the rest from SSLv3 to TLS 1.2. */
    static List<CipherSuite> suites(TlsVersion v) {
        return v == TlsVersion.TLS13 ? REGISTRY.tls13() : REGISTRY.legacy();
    }

    /** Every suite of the version; the common ones first once the server needs small hellos. */
    static List<CipherSuite> suites(TlsVersion v, int suitesPerHello) {
        return suitesPerHello == WHOLE_LIST ? suites(v) : commonFirst(suites(v));
    }

    /** supported_groups of a hello that wants any answer: the TLS 1.3 groups, or every group for older versions. */
    static List<Integer> allGroups(TlsVersion v) {
        return groupCodes(v == TlsVersion.TLS13 ? NamedGroup.tls13Groups() : NamedGroup.ALL);
    }

    /** The codes of the ECDHE curves of TLS 1.2 and below, in our order: asked of every legacy answer, so kept. */
    private static final List<Integer> LEGACY_CURVE_CODES = groupCodes(NamedGroup.legacyCurves());

    static List<Integer> legacyCurveCodes() {
        return LEGACY_CURVE_CODES;
    }

    /**
     * {@link #allGroups} of a TLS 1.2-or-below hello with the curves in {@code seen} moved to the end: the same
     * set, so the server's answer (suite, or refusal) is the one it gives to {@link #allGroups}; only the curve a
     * server following the client's order picks changes.
     */
    static List<Integer> unseenCurvesFirst(TlsVersion v, List<Integer> seen) {
        List<Integer> all = allGroups(v);
        if (seen.isEmpty() || v == TlsVersion.TLS13) {
            return all;
        }
        List<Integer> ordered = new java.util.ArrayList<>(all.stream().filter(g -> !seen.contains(g)).toList());
        ordered.addAll(all.stream().filter(seen::contains).toList());
        return List.copyOf(ordered);
    }

    /** The first {@code suitesPerHello} codes: what one hello of a picky server may carry. */
    static List<Integer> chunk(List<Integer> codes, int suitesPerHello) {
        return codes.size() <= suitesPerHello ? codes : codes.subList(0, suitesPerHello);
    }

    /** The suites most servers run, first: ECDHE before DHE before the rest, AEAD before CBC. */
    static List<CipherSuite> commonFirst(List<CipherSuite> suites) {
        return suites.stream().sorted(Comparator.comparingInt((CipherSuite s) -> s.ecdhe() ? 0 : s.dhe() ? 1
                        : s.keyExchange().equals("RSA") ? 2 : 3)
                .thenComparingInt(s -> s.aead() ? 0 : s.cbc() ? 1 : 2)
                .thenComparingInt(s -> s.anonymous() || s.export() || s.nullCipher() ? 1 : 0)).toList();
    }

    static List<Integer> codes(List<CipherSuite> suites) {
        return suites.stream().map(CipherSuite::code).toList();
    }

    static List<Integer> groupCodes(List<NamedGroup> groups) {
        return groups.stream().map(NamedGroup::code).toList();
    }

    static List<String> suiteNames(List<Integer> codes) {
        return codes.stream().map(REGISTRY::name).toList();
    }

    static List<String> groupNames(List<Integer> codes) {
        return codes.stream().map(NamedGroup::name).toList();
    }

    /** A suite whose server signs with an ECDSA key (its certificate's curve is then a supported_groups matter too). */
    static boolean ecdsaSigned(int suite) {
        return REGISTRY.byCode(suite).map(c -> c.authentication().equals("ECDSA")).orElse(false);
    }

    static boolean ecdhe(int suite) {
        return REGISTRY.byCode(suite).map(CipherSuite::ecdhe).orElse(false);
    }
}
