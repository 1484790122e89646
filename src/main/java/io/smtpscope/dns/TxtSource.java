package io.smtpscope.dns;

/** Where TXT records come from: the scan's DNS client, a validating resolver, or a test's fixed answers. */
@FunctionalInterface
public interface TxtSource {
    /** Never throws: every failure is a {@link TxtAnswer.Failed}. */
    TxtAnswer lookup(String name);
}
