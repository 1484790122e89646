package io.smtpscope.result;

import io.smtpscope.report.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Certificate text is escaped in the model, whoever builds it, and stays the same when a report is read back. */
class CertificateTextTest {
    private static final String HOSTILE = "a\u001b]0;t\u0007\u009b\u202e\u200b";
    private static final String SHOWN = "a\\x1b]0;t\\x07\\x9b\\u202e\\u200b";

    @Test
    void everyTextFieldIsEscaped() {
        ChainCertificate c = new ChainCertificate(HOSTILE, HOSTILE, HOSTILE, null, null, List.of("DNS:" + HOSTILE), HOSTILE, 1,
                HOSTILE, HOSTILE);
        assertEquals(List.of(SHOWN, SHOWN, SHOWN, "DNS:" + SHOWN, SHOWN, SHOWN, SHOWN),
                List.of(c.subject(), c.issuer(), c.serial(), c.sans().get(0), c.keyAlgorithm(), c.signatureAlgorithm(), c.sha256()));
        CertificateResult r = new CertificateResult(List.of(c), false, "issuer '" + HOSTILE + "'", HOSTILE, false, false, false, 1, false);
        assertEquals("issuer '" + SHOWN + "'", r.trustError());
        assertEquals(SHOWN, r.nameChecked());
        TlsCertificateSeen seen = new TlsCertificateSeen(HOSTILE, 256, HOSTILE, HOSTILE);
        assertEquals(List.of(SHOWN, SHOWN, SHOWN), List.of(seen.keyType(), seen.subject(), seen.sha256()));
    }

    @Test
    void aReportReadBackKeepsItsValues() throws Exception {
        CertificateResult r = new CertificateResult(List.of(new ChainCertificate(HOSTILE, null, null, null, null, List.of(), null,
                null, null, null)), false, HOSTILE, null, false, false, false, 0, false);
        CertificateResult back = Json.mapper().readValue(Json.mapper().writeValueAsString(r), CertificateResult.class);
        assertEquals(r, back);
        assertEquals(SHOWN, back.chain().get(0).subject());
    }
}
