package io.smtpscope.result;

import io.smtpscope.report.Json;
import io.smtpscope.report.ReportSchema;
import io.smtpscope.target.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The hand-made results the tests judge, diff and write are results a scan could have produced. */
class SyntheticTest {
    @Test
    void everyKindOfSyntheticEndpointFitsTheReportSchema() {
        ScanReport report = Synthetic.report(Synthetic.T0,
                Synthetic.endpoint("mail.a.test", 25).healthy().build(),
                Synthetic.endpoint("mail.a.test", 465).healthy().build(),
                Synthetic.endpoint("mail.a.test", 587).reachability(Reachability.TIMEOUT)
                        .error("connect", ErrorKind.CONNECTION_TIMEOUT, "no answer").build(),
                Synthetic.endpoint("2001:db8::25", 25).address("2001:db8::25").healthy().noTls().build(),
                Synthetic.open("mx.b.test", 25, "ab".repeat(32), Synthetic.T0.plusSeconds(86_400 * 30L), 30,
                        Synthetic.finding("CERT_EXPIRES_SOON", Severity.WARN)),
                Synthetic.withEnumeration(Synthetic.open("mx.c.test", 25, "cd".repeat(32), Synthetic.T0, 0),
                        Map.of("TLSv1.3", true, "TLSv1.1", false), Map.of("TLSv1.3", List.of("TLS_AES_128_GCM_SHA256"))),
                Synthetic.withBanner(Synthetic.closed("mx.d.test", 25, Reachability.REFUSED), "mx.d.test ESMTP"));
        ReportSchema.assertValid(Json.mapper().valueToTree(report));
    }

    @Test
    void theBuilderComposesWhatItWasGiven() {
        EndpointResult implicit = Synthetic.endpoint("mail.a.test", 465).healthy().build();
        assertEquals("mail.a.test:465", implicit.target());
        assertEquals(Mode.IMPLICIT_TLS, implicit.mode());
        assertNull(implicit.smtp().starttls(), "no STARTTLS on an implicit-TLS port");
        assertEquals("[2001:db8::25]:25", Synthetic.endpoint("2001:db8::25", 25).build().target(), "an IPv6 host is bracketed");
        EndpointResult refused = Synthetic.endpoint("mail.a.test", 25).healthy().reachability(Reachability.REFUSED).build();
        assertNull(refused.smtp(), "nothing was said on a refused connection");
        assertNull(refused.certificate());
        SmtpResult given = new SmtpResult(null, null, null, null, null, List.of());
        assertEquals(given, Synthetic.endpoint("mail.a.test", 25).healthy().smtp(given).build().smtp());
    }
}
