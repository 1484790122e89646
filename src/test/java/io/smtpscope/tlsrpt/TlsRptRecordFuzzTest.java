package io.smtpscope.tlsrpt;

import io.smtpscope.fuzz.RandomInputs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property-based fuzzing of the TLS-RPT record parser: any text gives a result, never an exception, and stays bounded. */
class TlsRptRecordFuzzTest {
    @Test
    void anyRecordParsesWithoutExceptionAndStaysBounded() {
        RandomInputs.forAll(1000, r -> r.oneOf(
                () -> "v=TLSRPTv1; rua=" + r.string("mailto:https/@a.,;= %", 200),
                () -> "v=TLSRPTv1;" + r.string(120),
                () -> r.string(120)), text -> {
            TlsRptRecord.Parsed parsed = TlsRptRecord.parse(text);
            assertTrue(parsed.rua().size() <= TlsRptRecord.MAX_URIS);
            assertTrue(parsed.invalid().size() <= TlsRptRecord.MAX_URIS + 1);
            assertTrue(parsed.problem() == null || parsed.rua().isEmpty());
            parsed.rua().forEach(u -> TlsRptRecord.uriProblem(u));
        });
    }
}
