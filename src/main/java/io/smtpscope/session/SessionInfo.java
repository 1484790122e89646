package io.smtpscope.session;

import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.TlsResult;
import io.smtpscope.target.Mode;

/** Where a login or send-test went: the endpoint, and the TLS session and certificate when TLS was up. */
public record SessionInfo(String target, String host, String address, int port, Mode mode, TlsResult tls,
                          CertificateResult certificate) {
}
