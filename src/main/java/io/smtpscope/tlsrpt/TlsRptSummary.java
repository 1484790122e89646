package io.smtpscope.tlsrpt;

import io.smtpscope.result.TlsRptResult;
import io.smtpscope.result.TxtStatus;

/** TLS-RPT in the plain words of a domain's verdict ("reporting: TLS-RPT to mailto:tls@example.com"). */
public final class TlsRptSummary {
    private TlsRptSummary() {
    }

    public static String of(TlsRptResult r) {
        if (r.dnsStatus() == TxtStatus.FAILED) {
            return "reporting: unknown (the _smtp._tls lookup failed)";
        }
        if (r.rua().isEmpty()) {
            return r.legacyRecord() ? "reporting: none (a TLS-RPT record only at the old name _smtp-tlsrpt)"
                    : r.records().isEmpty() ? "reporting: none" : "reporting: none (the _smtp._tls record is not valid)";
        }
        return "reporting: TLS-RPT to " + String.join(", ", r.rua());
    }
}
