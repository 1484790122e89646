/**
 * Mail domains as a whole: the DNS facts of a domain (MX with DNSSEC, each MX host's address and TLSA records,
 * RFC 7672 section 2.2) and what DANE concludes on each MX endpoint from the chain it presented (section 3).
 * Observations only: findings and the verdict are judged in {@code finding}.
 */
package io.smtpscope.domain;
