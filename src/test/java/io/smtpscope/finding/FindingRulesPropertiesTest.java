package io.smtpscope.finding;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ReverseDns;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.result.Synthetic;
import io.smtpscope.target.Mode;
import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a probe observed, judging it works and every text is completely filled in. */
class FindingRulesPropertiesTest {
    private static final Pattern UNFILLED = Pattern.compile("\\{[a-z_]+}");
    private static final List<ErrorKind> KINDS = List.of(ErrorKind.BANNER_TIMEOUT, ErrorKind.IO_TIMEOUT, ErrorKind.DEADLINE_EXCEEDED,
            ErrorKind.CONNECTION_CLOSED, ErrorKind.CONNECTION_RESET, ErrorKind.NOT_SMTP, ErrorKind.NOT_TLS,
            ErrorKind.MALFORMED_REPLY, ErrorKind.RATE_LIMITED, ErrorKind.REJECTED, ErrorKind.EHLO_FAILED,
            ErrorKind.HANDSHAKE_ERROR, ErrorKind.HANDSHAKE_TIMEOUT, ErrorKind.IO_ERROR, ErrorKind.INTERNAL_ERROR);
    private static final List<String> PHASES = List.of("banner", "ehlo", "starttls", "handshake", "ehlo_after_tls", "quit");

    @Test
    void everyFindingIsFromTheCatalogueAndFullyFilled() {
        RandomInputs.forAll(400, r -> observation(r.javaRandom()), e -> {
            JudgePolicy policy = new JudgePolicy(21, 7, Map.of(), 5_000, 2048, "TLSv1.2");
            List<Finding> findings = new FindingRules(FindingCatalogue.bundled(), policy).findings(e);
            for (Finding f : findings) {
                assertTrue(FindingCatalogue.bundled().contains(f.id()), f.id());
                assertFalse(UNFILLED.matcher(f.explanation()).find(), () -> f.id() + ": " + f.explanation());
                assertFalse(UNFILLED.matcher(f.remedy()).find(), () -> f.id() + ": " + f.remedy());
                assertFalse(UNFILLED.matcher(f.title()).find(), () -> f.id() + ": " + f.title());
            }
            // Judging is pure: the same observations give the same findings.
            assertEquals(findings, new FindingRules(FindingCatalogue.bundled(), policy).findings(e));
        });
    }

    private static <T> T pick(Random r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    static EndpointResult observation(Random r) {
        int port = pick(r, List.of(25, 465, 587, 2525));
        Synthetic.Builder b = Synthetic.endpoint(pick(r, List.of("mail.a.test", "mx.b.test", "192.0.2.7")), port);
        b.mode(pick(r, List.of(Mode.values())));
        Reachability reach = r.nextInt(4) == 0 ? pick(r, List.of(Reachability.values())) : Reachability.OPEN;
        b.reachability(reach);
        if (r.nextBoolean()) {
            b.healthy();
        }
        if (r.nextInt(3) == 0) {
            b.banner(pick(r, List.of(220, 421, 554)), pick(r, List.of("mail.a.test ESMTP", "[192.0.2.7]", "", "x")));
        }
        if (r.nextInt(3) == 0) {
            b.error(pick(r, PHASES), pick(r, KINDS), "message " + r.nextInt(100));
        }
        if (r.nextInt(3) == 0) {
            b.starttls(new StartTlsResult(r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), pick(r, List.of(220, 454, 500, 502)),
                    "text", r.nextInt(3) == 0 ? null : r.nextBoolean(), r.nextBoolean() ? null : "why",
                    r.nextBoolean() ? null : "XXXXXXXA"));
        }
        if (r.nextInt(3) == 0) {
            b.auth(r.nextBoolean() ? List.of() : List.of("PLAIN"), r.nextBoolean() ? List.of() : List.of("LOGIN", "CRAM-MD5"));
        }
        if (r.nextInt(3) == 0) {
            b.certificate(new CertificateResult(r.nextBoolean() ? List.of() : List.of(
                    Synthetic.cert("mail.a.test", pick(r, List.of("CA", "mail.a.test")), pick(r, List.of("RSA", "EC", "DSA", "Ed25519")),
                            pick(r, List.of(512, 1024, 224, 256, 4096)), pick(r, List.of("SHA1withRSA", "SHA256withRSA", "MD5withRSA"))),
                    Synthetic.cert("CA", "Root", "RSA", 2048, "SHA256withRSA")),
                    r.nextBoolean(), r.nextBoolean() ? null : "a certificate in the chain has expired", "mail.a.test",
                    r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextInt(400) - 30, r.nextBoolean()));
        }
        if (r.nextInt(3) == 0) {
            b.tls(pick(r, List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3", "SSLv3", "weird")));
        }
        if (r.nextInt(3) == 0) {
            b.reverseDns(new ReverseDns(r.nextBoolean() ? List.of() : List.of("ptr.isp.test"), r.nextBoolean() ? null : "timeout"));
        }
        b.bannerMs(r.nextBoolean() ? null : (long) r.nextInt(20_000));
        return b.build();
    }
}
