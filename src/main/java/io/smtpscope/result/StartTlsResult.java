package io.smtpscope.result;

/**
 * The STARTTLS step (RFC 3207). {@code offered}: advertised in EHLO. {@code stripped}: a middlebox
 * masked or removed it (masked keyword, or a 5xx after it was advertised, or it works although
 * not advertised). {@code attempted}: STARTTLS was sent. {@code upgraded}: TLS came up.
 */
public record StartTlsResult(boolean offered, boolean stripped, boolean attempted, Integer code, String text,
                             Boolean upgraded, String error, String maskedKeyword) {
}
