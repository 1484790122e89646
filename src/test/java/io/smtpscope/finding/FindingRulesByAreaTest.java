package io.smtpscope.finding;

import io.smtpscope.result.ErrorKind;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Reachability;
import io.smtpscope.result.ReplySeen;
import io.smtpscope.result.ReverseDns;
import io.smtpscope.result.Severity;
import io.smtpscope.result.StartTlsResult;
import io.smtpscope.result.Synthetic;
import io.smtpscope.target.Mode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.smtpscope.result.Synthetic.cert;
import static io.smtpscope.result.Synthetic.endpoint;
import static io.smtpscope.result.Synthetic.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingRulesByAreaTest {
    private static final JudgePolicy DEFAULTS = JudgePolicy.defaults();

    static List<Finding> findings(EndpointResult e, JudgePolicy policy) {
        return new FindingRules(FindingCatalogue.bundled(), policy).findings(e);
    }

    static List<String> ids(EndpointResult e) {
        return findings(e, DEFAULTS).stream().map(Finding::id).toList();
    }

    static Finding only(EndpointResult e, String id) {
        List<Finding> matching = findings(e, DEFAULTS).stream().filter(f -> f.id().equals(id)).toList();
        assertEquals(1, matching.size(), () -> id + " expected once in " + ids(e));
        return matching.get(0);
    }

    @Test
    void aHealthyServerHasNoFindings() {
        assertEquals(List.of(), ids(endpoint("mail.a.test", 25).healthy().build()));
        assertEquals(List.of(), ids(endpoint("mail.a.test", 587).healthy().build()));
    }

    @Nested
    class Connectivity {
        @Test
        void tcpOutcomes() {
            assertEquals(List.of("PORT_REFUSED"), ids(endpoint("a.test", 25).reachability(Reachability.REFUSED)
                    .error("connect", ErrorKind.CONNECTION_REFUSED, "refused").build()));
            assertEquals(List.of("PORT_TIMEOUT"), ids(endpoint("a.test", 25).reachability(Reachability.TIMEOUT)
                    .error("connect", ErrorKind.CONNECTION_TIMEOUT, "no answer").build()));
            assertEquals(List.of("PORT_UNREACHABLE"), ids(endpoint("a.test", 25).reachability(Reachability.UNREACHABLE)
                    .error("connect", ErrorKind.UNREACHABLE, "no route").build()));
            assertEquals(List.of("DNS_ERROR"), ids(endpoint("a.test", 25).reachability(Reachability.DNS_ERROR)
                    .error("dns", ErrorKind.DNS_ERROR, "cannot resolve a.test").build()));
        }

        @Test
        void greetingProblems() {
            assertEquals(List.of("BANNER_TIMEOUT"), ids(endpoint("a.test", 25)
                    .error("banner", ErrorKind.BANNER_TIMEOUT, "no SMTP greeting within 30 s").build()));
            assertEquals(List.of("BANNER_TIMEOUT"), ids(endpoint("a.test", 25)
                    .error("banner", ErrorKind.DEADLINE_EXCEEDED, "no greeting before the endpoint deadline").build()));
            Finding rejected = only(endpoint("a.test", 25).banner(554, "5.7.1 no service for you")
                    .error("banner", ErrorKind.REJECTED, "refused").build(), "SERVICE_REJECTED");
            assertTrue(rejected.explanation().contains("554") && rejected.explanation().contains("no service for you"));
            assertEquals(List.of("SERVICE_RATE_LIMITED"), ids(endpoint("a.test", 25).banner(421, "4.7.0 too many")
                    .error("banner", ErrorKind.RATE_LIMITED, "421").build()));
            assertEquals(List.of("NOT_SMTP"), ids(endpoint("a.test", 25)
                    .error("banner", ErrorKind.NOT_SMTP, "the port answered like an HTTP server").build()));
        }

        @Test
        void slowBannerAgainstTheProfileThreshold() {
            EndpointResult slow = endpoint("a.test", 25).healthy().bannerMs(12_000L).build();
            Finding f = only(slow, "SLOW_BANNER");
            assertTrue(f.explanation().contains("12000 ms") && f.explanation().contains("10000 ms"), f.explanation());
            JudgePolicy patient = new JudgePolicy(21, 7, Map.of(), 15_000, 2048, "TLSv1.2");
            assertTrue(findings(slow, patient).isEmpty());
        }

        @Test
        void droppedSessionIsReportedButHandshakeErrorsAreLeftToTheTlsRules() {
            Finding dropped = only(endpoint("a.test", 25).banner(220, "a.test ESMTP")
                    .error("ehlo", ErrorKind.CONNECTION_CLOSED, "connection closed during ehlo").build(), "SESSION_ABORTED");
            assertTrue(dropped.explanation().contains("during ehlo"));
            EndpointResult broken = endpoint("a.test", 465).bannerMs(null)
                    .error("handshake", ErrorKind.CONNECTION_RESET, "connection reset during the TLS handshake").build();
            assertEquals(List.of("IMPLICIT_TLS_FAILED"), ids(broken));
        }
    }

    @Nested
    class Smtp {
        @Test
        void heloOnlyServer() {
            EndpointResult e = endpoint("a.test", 25).banner(220, "a.test SMTP")
                    .ehlo(new io.smtpscope.result.HelloReply(250, List.of(), "HELO", "a.test"))
                    .replies(new ReplySeen("EHLO", 502, "5.5.2", "unrecognized", "Command not implemented."))
                    .starttls(new StartTlsResult(false, false, false, null, null, null, null, null)).build();
            Finding helo = only(e, "SMTP_HELO_ONLY");
            assertTrue(helo.explanation().contains("502"), helo.explanation());
            assertFalse(ids(e).contains("SMTP_NO_PIPELINING"), "no extension noise when there is no ESMTP at all");
        }

        @Test
        void ehloAndHeloRefused() {
            assertTrue(ids(endpoint("a.test", 25).banner(220, "a.test ESMTP")
                    .error("ehlo", ErrorKind.EHLO_FAILED, "the server answered 550 to HELO").build()).contains("SMTP_EHLO_REJECTED"));
        }

        @Test
        void missingExtensionsAreInfoAndJudgedInsideTls() {
            EndpointResult e = endpoint("a.test", 25).healthy()
                    .ehloAfterTls(Synthetic.ehlo("SIZE 100", "AUTH PLAIN")).build();
            List<Finding> infos = findings(e, DEFAULTS).stream().filter(f -> f.id().startsWith("SMTP_NO_")).toList();
            assertEquals(List.of("SMTP_NO_PIPELINING", "SMTP_NO_8BITMIME", "SMTP_NO_SMTPUTF8", "SMTP_NO_ENHANCEDSTATUSCODES"),
                    infos.stream().map(Finding::id).toList());
            assertTrue(infos.stream().allMatch(f -> f.severity() == Severity.INFO));
        }
    }

    @Nested
    class StartTls {
        private Synthetic.Builder dialogue() {
            return endpoint("a.test", 25).banner(220, "a.test ESMTP").ehlo(Synthetic.ehlo(Synthetic.usual().toArray(String[]::new)));
        }

        @Test
        void notOffered() {
            assertTrue(ids(dialogue().starttls(new StartTlsResult(false, false, true, 502, "no", false, null, null)).build())
                    .contains("STARTTLS_NOT_OFFERED"));
        }

        @Test
        void stripped() {
            Finding f = only(dialogue().starttls(new StartTlsResult(false, true, true, 500, "what", false, null, "XXXXXXXA"))
                    .build(), "STARTTLS_STRIPPED");
            assertTrue(f.explanation().contains("XXXXXXXA"));
        }

        @Test
        void refusedWhenAskedIsFailedButBrokenHandshakeIsTlsBroken() {
            assertTrue(ids(dialogue().starttls(new StartTlsResult(true, false, true, 454, "4.7.0 TLS not available", false,
                    "STARTTLS was advertised but the server answered 454", null)).build()).contains("STARTTLS_FAILED"));
            EndpointResult broken = dialogue().starttls(new StartTlsResult(true, false, true, 220, "ready", false,
                    "TLS handshake failed after 220: bad", null))
                    .error("handshake", ErrorKind.HANDSHAKE_ERROR, "TLS handshake failed: no cipher suites in common").build();
            Finding f = only(broken, "STARTTLS_TLS_BROKEN");
            assertTrue(f.explanation().contains("no cipher suites in common"));
            assertFalse(ids(broken).contains("STARTTLS_FAILED"));
            assertFalse(ids(broken).contains("SESSION_ABORTED"));
        }

        @Test
        void implicitTlsThatSpeaksPlainText() {
            Finding f = only(endpoint("a.test", 465).error("handshake", ErrorKind.NOT_TLS,
                    "TLS was expected first on this port (implicit TLS), but the server sent plain text like an SMTP server").build(),
                    "IMPLICIT_TLS_FAILED");
            assertTrue(f.remedy().contains("smtpd_tls_wrappermode") && f.remedy().contains("tls_on_connect_ports"));
        }
    }

    @Nested
    class Auth {
        @Test
        void authBeforeTlsAndPlaintextOnly() {
            EndpointResult e = endpoint("a.test", 587).healthy().auth(List.of("PLAIN", "LOGIN"), List.of("PLAIN", "LOGIN")).build();
            assertTrue(ids(e).containsAll(List.of("AUTH_BEFORE_TLS", "AUTH_PLAINTEXT_ONLY")));
            assertTrue(only(e, "AUTH_PLAINTEXT_ONLY").explanation().contains("before TLS"));
        }

        @Test
        void noAuthOnSubmissionOnlyWhenTheDialogueGotThere() {
            EndpointResult noAuth = endpoint("a.test", 587).healthy().auth(List.of(), List.of())
                    .ehloAfterTls(Synthetic.ehlo(Synthetic.usual().toArray(String[]::new))).build();
            assertEquals(List.of("AUTH_NOT_OFFERED_SUBMISSION"), ids(noAuth));
            EndpointResult relay = endpoint("a.test", 25).healthy().auth(List.of(), List.of()).build();
            assertFalse(ids(relay).contains("AUTH_NOT_OFFERED_SUBMISSION"), "port 25 needs no AUTH");
            EndpointResult tlsFailed = endpoint("a.test", 587).banner(220, "a.test ESMTP")
                    .ehlo(Synthetic.ehlo("STARTTLS"))
                    .starttls(new StartTlsResult(true, false, true, 454, "no", false, "454", null)).build();
            assertFalse(ids(tlsFailed).contains("AUTH_NOT_OFFERED_SUBMISSION"), "AUTH after TLS was never seen");
            EndpointResult implicitNoAuth = endpoint("a.test", 465).healthy().auth(List.of(), List.of()).build();
            assertEquals(List.of("AUTH_NOT_OFFERED_SUBMISSION"), ids(implicitNoAuth));
        }
    }

    @Nested
    class Certificates {
        private EndpointResult with(CertificateResult c) {
            return endpoint("mail.a.test", 25).healthy().certificate(c).build();
        }

        @Test
        void selfSignedIsNamedAsSuch() {
            List<String> ids = ids(with(Synthetic.untrusted("mail.a.test", "self-signed certificate", true,
                    leaf("mail.a.test", "mail.a.test"))));
            // CERT_UNTRUSTED always names the failed trust; the cause follows with its own remedy.
            assertEquals(List.of("CERT_UNTRUSTED", "CERT_SELF_SIGNED"), ids);
        }

        @Test
        void missingIntermediateIsAnIncompleteChain() {
            Finding f = only(with(Synthetic.untrusted("mail.a.test", "no path", false, leaf("mail.a.test", "R11"))),
                    "CERT_CHAIN_INCOMPLETE");
            assertTrue(f.explanation().contains("CN=R11") && f.explanation().contains("1 certificate"), f.explanation());
        }

        @Test
        void privateRootSentAlongIsUntrusted() {
            assertEquals(List.of("CERT_UNTRUSTED"), ids(with(Synthetic.untrusted("mail.a.test", "issuer not trusted", false,
                    leaf("mail.a.test", "Private Root"), cert("Private Root", "Private Root", "EC", 384, "SHA384withECDSA")))));
        }

        @Test
        void chainInWrongOrder() {
            CertificateResult c = Synthetic.trusted("mail.a.test", 60, leaf("mail.a.test", "Intermediate"),
                    cert("Root", "Root", "RSA", 4096, "SHA256withRSA"),
                    cert("Intermediate", "Root", "RSA", 2048, "SHA256withRSA"));
            assertTrue(only(with(c), "CERT_CHAIN_ORDER").explanation().contains("did not issue certificate 1"));
        }

        @Test
        void datesExpiredNotYetValidExpiringSoonWithEscalation() {
            CertificateResult expired = new CertificateResult(List.of(leaf("mail.a.test", "CA")), false,
                    "a certificate in the chain has expired", "mail.a.test", true, true, false, -3, false);
            assertEquals(List.of("CERT_EXPIRED"), ids(with(expired)));
            CertificateResult early = new CertificateResult(List.of(leaf("mail.a.test", "CA")), false,
                    "a certificate in the chain is not yet valid", "mail.a.test", true, false, true, 400, false);
            assertEquals(List.of("CERT_NOT_YET_VALID"), ids(with(early)));
            Finding soon = only(with(Synthetic.trusted("mail.a.test", 15, leaf("mail.a.test", "CA"))), "CERT_EXPIRES_SOON");
            assertEquals(Severity.WARN, soon.severity());
            Finding verySoon = only(with(Synthetic.trusted("mail.a.test", 3, leaf("mail.a.test", "CA"))), "CERT_EXPIRES_SOON");
            assertEquals(Severity.FAIL, verySoon.severity());
            assertTrue(verySoon.explanation().contains("threshold 7 days"));
        }

        @Test
        void weakKeysAgainstTheProfileMinimum() {
            CertificateResult rsa1024 = Synthetic.trusted("mail.a.test", 60,
                    cert("mail.a.test", "CA", "RSA", 1024, "SHA256withRSA", "DNS:mail.a.test"));
            Finding f = only(with(rsa1024), "CERT_WEAK_KEY");
            assertTrue(f.explanation().contains("1024 bits") && f.explanation().contains("2048"), f.explanation());
            CertificateResult rsa2048 = Synthetic.trusted("mail.a.test", 60,
                    cert("mail.a.test", "CA", "RSA", 2048, "SHA256withRSA", "DNS:mail.a.test"));
            assertEquals(List.of(), ids(with(rsa2048)));
            JudgePolicy demanding = new JudgePolicy(21, 7, Map.of(), 10_000, 3072, "TLSv1.2");
            assertEquals(List.of("CERT_WEAK_KEY"), findings(with(rsa2048), demanding).stream().map(Finding::id).toList());
            CertificateResult ec224 = Synthetic.trusted("mail.a.test", 60,
                    cert("mail.a.test", "CA", "EC", 224, "SHA256withECDSA", "DNS:mail.a.test"));
            assertEquals(List.of("CERT_WEAK_KEY"), ids(with(ec224)));
        }

        @Test
        void sha1SignaturesExceptARootsSelfSignature() {
            CertificateResult c = Synthetic.trusted("mail.a.test", 60,
                    cert("mail.a.test", "CA", "RSA", 2048, "SHA1withRSA", "DNS:mail.a.test"),
                    cert("CA", "CA", "RSA", 2048, "SHA1withRSA"));
            List<Finding> sha1 = findings(with(c), DEFAULTS).stream().filter(f -> f.id().equals("CERT_SHA1_SIGNATURE")).toList();
            assertEquals(1, sha1.size());
            assertTrue(sha1.get(0).explanation().contains("server (leaf)"));
        }
    }

    @Nested
    class Names {
        @Test
        void reverseDnsMissingMismatchedOrMatching() {
            assertEquals(List.of("REVERSE_DNS_MISSING"), ids(endpoint("mail.a.test", 25).healthy()
                    .reverseDns(new ReverseDns(List.of(), null)).build()));
            Finding mismatch = only(endpoint("mail.a.test", 25).healthy()
                    .reverseDns(new ReverseDns(List.of("host-192-0-2-10.isp.test"), null)).build(), "GREETING_NAME_RDNS_MISMATCH");
            assertTrue(mismatch.explanation().contains("host-192-0-2-10.isp.test") && mismatch.explanation().contains("'mail.a.test'"));
            assertEquals(List.of(), ids(endpoint("mail.a.test", 25).healthy()
                    .reverseDns(new ReverseDns(List.of("MAIL.A.TEST."), null)).build()));
            assertEquals(List.of(), ids(endpoint("mail.a.test", 25).healthy()
                    .reverseDns(new ReverseDns(List.of(), "reverse lookup timed out")).build()), "a failed lookup proves nothing");
            assertEquals(List.of(), ids(endpoint("mail.a.test", 25).healthy().reverseDns(null).build()), "not checked");
        }

        @Test
        void greetingNameNotInCertificate() {
            EndpointResult e = endpoint("mx.a.test", 25).healthy().banner(220, "backend7.hosting.test ESMTP Postfix").build();
            Finding f = only(e, "GREETING_NAME_CERT_MISMATCH");
            assertTrue(f.explanation().contains("backend7.hosting.test") && f.explanation().contains("DNS:mx.a.test"));
            EndpointResult wildcard = endpoint("mx.a.test", 25).healthy().banner(220, "mx2.a.test ESMTP")
                    .certificate(Synthetic.trusted("mx.a.test", 60,
                            cert("mx.a.test", "CA", "EC", 256, "SHA256withECDSA", "DNS:*.a.test"))).build();
            assertEquals(List.of(), ids(wildcard));
        }
    }

    @Nested
    class Policy {
        @Test
        void negotiatedLegacyProtocolBelowTheMinimum() {
            EndpointResult old = endpoint("mail.a.test", 25).healthy().tls("TLSv1.1").build();
            Finding f = only(old, "TLS_LEGACY_PROTOCOL");
            assertTrue(f.explanation().contains("TLSv1.1") && f.explanation().contains("TLSv1.2"));
            JudgePolicy lenient = new JudgePolicy(21, 7, Map.of(), 10_000, 2048, "TLSv1");
            assertTrue(findings(old, lenient).isEmpty());
        }

        @Test
        void severityOverrideWinsOverTheRulesOwnEscalation() {
            JudgePolicy relaxed = new JudgePolicy(21, 7, Map.of("CERT_EXPIRES_SOON", Severity.INFO, "PORT_REFUSED", Severity.FAIL));
            EndpointResult verySoon = endpoint("mail.a.test", 25).healthy()
                    .certificate(Synthetic.trusted("mail.a.test", 2, leaf("mail.a.test", "CA"))).build();
            assertEquals(Severity.INFO, findings(verySoon, relaxed).get(0).severity());
            EndpointResult refused = endpoint("a.test", 25).reachability(Reachability.REFUSED).build();
            assertEquals(Severity.FAIL, findings(refused, relaxed).get(0).severity());
        }

        @Test
        void plainModeIsNotAskedForStartTls() {
            EndpointResult plain = endpoint("a.test", 2525).mode(Mode.PLAIN).banner(220, "a.test ESMTP")
                    .ehlo(Synthetic.ehlo(Synthetic.usual().toArray(String[]::new))).build();
            assertEquals(List.of(), ids(plain));
        }
    }
}
