package io.smtpscope.cli;

import io.smtpscope.profile.Profile;
import io.smtpscope.result.Severity;
import picocli.CommandLine.Option;

/** {@code --fail-on}: the severity that makes scan and judge exit 1. */
public final class FailOnOption {
    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = Converters.SeverityConverter.class,
            description = "Exit 1 when a finding reaches this severity: info, warn, fail (default: the profile's, usually fail).")
    Severity failOn;

    /** The option if given, else the profile's {@code fail_on}. */
    Severity threshold(Profile profile) {
        return failOn != null ? failOn : profile.failOn();
    }
}
