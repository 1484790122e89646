package io.smtpscope.result;

/** The greeting: reply code and full text (lines joined by newlines); {@code service} names what answered. */
public record Banner(Integer code, String text, String service) {
}
