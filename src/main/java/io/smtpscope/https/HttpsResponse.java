package io.smtpscope.https;

import io.smtpscope.result.PolicyFetch;

/** A fetch's facts, and the body when the status was 200 and the body within the bound (otherwise null). */
public record HttpsResponse(PolicyFetch facts, byte[] body) {
}
