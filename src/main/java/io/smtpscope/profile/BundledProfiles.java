package io.smtpscope.profile;

import java.util.List;

/** The profiles shipped in {@code profiles/} and inside the jar. */
public final class BundledProfiles {
    private BundledProfiles() {
    }

    public static List<String> names() {
        return List.of("default", "quick", "full", "submission", "health", "strict");
    }
}
