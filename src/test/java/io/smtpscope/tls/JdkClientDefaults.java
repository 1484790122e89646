package io.smtpscope.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Run in a JVM of its own, where nothing relaxed the TLS policy: prints what a JDK client enables by default, one
 * line of protocols and one of suites (comma-separated), for {@link StrictTlsPolicyTest} to compare.
 */
public final class JdkClientDefaults {
    private JdkClientDefaults() {
    }

    public static void main(String[] args) throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(true);
        System.out.println(String.join(",", engine.getEnabledProtocols()));
        System.out.println(String.join(",", engine.getEnabledCipherSuites()));
    }
}
