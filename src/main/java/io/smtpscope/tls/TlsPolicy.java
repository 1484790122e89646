package io.smtpscope.tls;

/**
 * Which TLS a connection speaks. A scan describes servers as they are, old ones included; a connection that
 * carries something worth protecting (credentials, a test message, a webhook's report) must not settle for
 * what a mail client would refuse.
 */
public enum TlsPolicy {
    /**
     * Offer every protocol and suite the JDK can run, SSLv3 and TLS 1.0 included, and accept any certificate
     * (validated afterwards, as an observation): what is weak is judged by the findings, not refused here.
     */
    OBSERVING,
    /**
     * TLS 1.2 or 1.3 under the JDK's own {@code jdk.tls.disabledAlgorithms}, as this JVM was configured before
     * smtpscope relaxed it for observing (see {@link TlsContexts}). For login, send-test and webhooks.
     */
    STRICT
}
