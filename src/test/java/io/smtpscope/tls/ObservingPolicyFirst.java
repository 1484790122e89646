package io.smtpscope.tls;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Relaxes the JVM's TLS policy for observing ({@link TlsContexts#init()}) before every test class, as {@code Cli}
 * does before anything else. JSSE reads {@code jdk.tls.disabledAlgorithms} once per JVM, at its first TLS use: were a
 * test's own TLS server (or GreenMail) first, every later test in this JVM would run with the JDK's policy, and the
 * scan could no longer observe a TLS 1.0 server, whatever order the tests run in. Registered for every class through
 * {@code META-INF/services} and {@code junit-platform.properties}.
 */
public final class ObservingPolicyFirst implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        TlsContexts.init();
    }
}
