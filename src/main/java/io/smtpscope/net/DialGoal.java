package io.smtpscope.net;

/** How far {@link SmtpDialer} takes a connection before handing it over. */
public enum DialGoal {
    /**
     * Stop where the server expects a ClientHello: right after the TCP connect on an implicit-TLS port (RFC 8314),
     * after the 220 to STARTTLS otherwise (RFC 3207 section 4). For raw hellos of our own (TLS enumeration, checks).
     * STARTTLS is sent whether or not it was advertised: the caller already knows the server speaks TLS.
     */
    TLS_READY,
    /**
     * A usable SMTP session: whole greeting, EHLO (HELO after a 5xx), TLS when the mode asks for it and the server
     * allows it, EHLO again inside TLS. A refused STARTTLS leaves a plaintext session: the caller decides.
     */
    SESSION,
    /**
     * Greeting and EHLO in plaintext, then the connection handed over without STARTTLS: for a check that drives
     * STARTTLS itself ({@link Dialed#startTlsPipelined}). On an implicit-TLS port this is the same as {@link #SESSION}.
     */
    PLAINTEXT_EHLO
}
