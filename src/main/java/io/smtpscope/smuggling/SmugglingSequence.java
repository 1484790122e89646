package io.smtpscope.smuggling;

import java.nio.charset.StandardCharsets;

/**
 * The non-standard end-of-data sequences of the 2023 SMTP smuggling research (SEC Consult; Postfix CVE-2023-51764,
 * Exim CVE-2023-51766, Sendmail CVE-2023-51765). RFC 5321 section 4.1.1.4 ends DATA only with
 * {@code <CR><LF>.<CR><LF>}; a server that also takes one of these lets a sender hide a second message inside the
 * first, which an outbound server that passes the sequence through then delivers, spoofed. In the order they are
 * tried: the ones most servers got wrong first.
 */
public enum SmugglingSequence {
    LF_DOT_LF("lf_dot_lf", "<LF>.<LF>", "\n.\n"),
    CRLF_DOT_LF("crlf_dot_lf", "<CR><LF>.<LF>", "\r\n.\n"),
    LF_DOT_CRLF("lf_dot_crlf", "<LF>.<CR><LF>", "\n.\r\n"),
    CR_DOT_CR("cr_dot_cr", "<CR>.<CR>", "\r.\r"),
    CRLF_DOT_CR("crlf_dot_cr", "<CR><LF>.<CR>", "\r\n.\r");

    private final String id;
    private final String label;
    private final byte[] wire;

    SmugglingSequence(String id, String label, String wire) {
        this.id = id;
        this.label = label;
        this.wire = wire.getBytes(StandardCharsets.US_ASCII);
    }

    /** The evidence key: snake_case, stable. */
    public String id() {
        return id;
    }

    /** As the research writes it: {@code <LF>.<LF>}. */
    public String label() {
        return label;
    }

    public byte[] wire() {
        return wire.clone();
    }
}
