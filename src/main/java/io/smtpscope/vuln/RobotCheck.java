package io.smtpscope.vuln;

import io.smtpscope.smtp.Deadline;
import io.smtpscope.tls.enumeration.CipherSuite;
import io.smtpscope.tls.enumeration.CipherSuiteRegistry;
import io.smtpscope.tls.enumeration.TlsVersion;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ROBOT (Return Of Bleichenbacher's Oracle Threat; CVE-2017-13099 and its siblings): the five ClientKeyExchange
 * variants of {@link RobotProbe}, one connection each, with an RSA key-exchange suite the enumeration found
 * accepted. A sound server answers all five alike (RFC 5246 section 7.4.7.1: a bad premaster secret is replaced
 * by a random one, so the failure comes at Finished, the same for all). When the answers differ the round is
 * repeated: an oracle answers the same way again; answers that change between rounds are network noise or
 * unlike back-ends, and the result is not_tested rather than a guess. Ten connections at most.
 */
final class RobotCheck implements VulnerabilityCheck {
    static final String ID = "robot";
    static final long ANSWER_MILLIS = 3_000;
    static final long AFTER_MILLIS = 1_000;

    private final RobotProbe probe;

    RobotCheck() {
        this(new RobotProbe());
    }

    RobotCheck(RobotProbe probe) {
        this.probe = probe;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<CheckRequirement> requirements() {
        return List.of(CheckRequirement.tlsEndpoint(), CheckRequirement.acceptsUpTo(TlsVersion.TLS12),
                CheckRequirement.rsaKeyExchange(), RobotCheck::rsaSuiteUpToTls12);
    }

    @Override
    public int maxConnections() {
        return 2 * RobotProbe.VARIANTS.size();
    }

    private static Optional<String> rsaSuiteUpToTls12(CheckContext context) {
        return offer(context).isPresent() ? Optional.empty()
                : Optional.of("no RSA key-exchange suite accepted with TLS 1.2 or below");
    }

    /** The highest version up to TLS 1.2 with RSA key-exchange suites accepted, and those suites. */
    record Offer(TlsVersion version, List<Integer> suites) {
    }

    static Optional<Offer> offer(CheckContext context) {
        Map<String, List<String>> accepted = context.tls() == null ? null : context.tls().cipherSuites();
        if (accepted == null) {
            return Optional.empty();
        }
        for (TlsVersion v : List.of(TlsVersion.TLS12, TlsVersion.TLS11, TlsVersion.TLS10)) {
            List<Integer> rsa = accepted.getOrDefault(v.label(), List.of()).stream()
                    .filter(name -> name.startsWith("TLS_RSA_WITH_"))
                    .map(name -> CipherSuiteRegistry.bundled().byName(name).map(CipherSuite::code).orElse(null))
                    .filter(java.util.Objects::nonNull).toList();
            if (!rsa.isEmpty()) {
                return Optional.of(new Offer(v, rsa));
            }
        }
        return Optional.empty();
    }

    @Override
    public Verdict run(CheckContext context) {
        Offer offer = offer(context).orElseThrow();
        Evidence evidence = new Evidence().put("offer", offer.version().label() + ", " + offer.suites().size()
                + " RSA key-exchange suite(s)");
        Map<RobotProbe.Variant, String> first = new LinkedHashMap<>();
        Optional<Verdict> stopped = round(context, offer, first, evidence);
        if (stopped.isPresent()) {
            return stopped.get();
        }
        first.forEach((variant, answer) -> evidence.put(variant.name().toLowerCase(java.util.Locale.ROOT), answer));
        if (first.values().stream().distinct().count() == 1) {
            return Verdict.notVulnerable("all five ClientKeyExchange variants got the same answer", evidence);
        }
        Map<RobotProbe.Variant, String> second = new LinkedHashMap<>();
        stopped = round(context, offer, second, evidence);
        if (stopped.isPresent()) {
            return stopped.get();
        }
        if (!second.equals(first)) {
            List<String> changed = new ArrayList<>();
            second.forEach((variant, answer) -> {
                if (!answer.equals(first.get(variant))) {
                    changed.add(variant.name().toLowerCase(java.util.Locale.ROOT) + ": " + answer);
                }
            });
            evidence.put("second_round_changed", String.join("; ", changed));
            return Verdict.notTested("the answers differed by variant but changed between two rounds: "
                    + "inconclusive (network trouble or back-ends that answer differently)", evidence);
        }
        evidence.put("second_round", "the same answers");
        return Verdict.vulnerable("the server answers malformed RSA premaster secrets differently, twice alike: "
                + "a padding oracle", evidence);
    }

    /** One connection per variant; empty when all were answered, else the verdict that ends the check. */
    private Optional<Verdict> round(CheckContext context, Offer offer, Map<RobotProbe.Variant, String> answers,
                                    Evidence evidence) {
        for (RobotProbe.Variant variant : RobotProbe.VARIANTS) {
            Evidence scratch = new Evidence();
            FirstFlight.Result result = FirstFlight.open(context, offer.version(), offer.suites(), b -> b, scratch, "robot");
            if (result instanceof FirstFlight.Result.NotOpen n) {
                evidence.put("stopped_at", variant.name().toLowerCase(java.util.Locale.ROOT));
                return Optional.of(Verdict.notTested(n.verdict().reason(), evidence));
            }
            FirstFlight.Result.Open open = (FirstFlight.Result.Open) result;
            try (var transport = open.transport()) {
                RSAPublicKey key = rsaKey(open.hello().certificates());
                if (key == null) {
                    evidence.put("certificate", "no RSA certificate in the server's flight");
                    return Optional.of(Verdict.notTested("the server sent no RSA certificate with an RSA suite", evidence));
                }
                int k = (key.getModulus().bitLength() + 7) / 8;
                byte[] encrypted = RobotProbe.encrypt(probe.block(variant, k, offer.version().code()), key);
                transport.write(probe.flight(encrypted, offer.version().code()), context.tlsPhase("robot"));
                String answer = answer(transport, context);
                if (answer == null) {
                    evidence.put("stopped_at", variant.name().toLowerCase(java.util.Locale.ROOT));
                    return Optional.of(Verdict.notTested("the endpoint deadline ended the wait for an answer", evidence));
                }
                answers.put(variant, answer);
            } catch (IOException | IllegalArgumentException e) {
                answers.put(variant, "error: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The first record (or close, or silence) and what followed it: some oracles differ only in the close. Null
     * when the endpoint's deadline ended the wait: that answer would be ours, not the server's.
     */
    private static String answer(io.smtpscope.smtp.Transport transport, CheckContext context) throws IOException {
        Records.Reply first = Records.read(transport, wait(context, ANSWER_MILLIS));
        if (first instanceof Records.Reply.Cut) {
            return null;
        }
        String text = describe(first);
        if (first instanceof Records.Reply.Record) {
            Records.Reply next = Records.read(transport, wait(context, AFTER_MILLIS));
            if (next instanceof Records.Reply.Cut) {
                return null;
            }
            text += ", then " + describe(next);
        }
        return text;
    }

    private static Deadline wait(CheckContext context, long millis) {
        return context.deadline().phase("robot", Math.min(millis, context.settings().tlsTimeout().toMillis()));
    }

    private static String describe(Records.Reply reply) {
        return switch (reply) {
            case Records.Reply.Record r -> r.describe();
            case Records.Reply.Closed c -> c.how();
            case Records.Reply.Silent s -> "silence";
            case Records.Reply.Cut c -> "cut by the endpoint deadline";
        };
    }

    private static RSAPublicKey rsaKey(List<byte[]> certificates) {
        if (certificates.isEmpty()) {
            return null;
        }
        try {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificates.getFirst()));
            return leaf.getPublicKey() instanceof RSAPublicKey rsa ? rsa : null;
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }
}
