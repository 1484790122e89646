/** DNS queries the JDK cannot make: MX records (RFC 5321 section 5.1), through dnsjava, against a chosen server. */
package io.smtpscope.dns;
