package io.smtpscope.result;

/**
 * TLS features noticed in the server's hellos during enumeration (null = not observed / not tested):
 * RFC 5746 secure renegotiation, RFC 7627 extended master secret, RFC 5077 session tickets,
 * RFC 6066 OCSP stapling (status_request), RFC 7301 ALPN protocol selected.
 */
public record TlsExtensionsSeen(Boolean secureRenegotiation, Boolean extendedMasterSecret, Boolean sessionTicket,
                                Boolean ocspStapling, String alpn) {
}
