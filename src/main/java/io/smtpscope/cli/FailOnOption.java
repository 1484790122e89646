package io.smtpscope.cli;

import io.smtpscope.app.Judge;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Severity;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** {@code --fail-on}: the severity that makes scan and judge exit 1, or {@code never}. */
public final class FailOnOption {
    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = ChoiceConverter.class,
            description = "Exit 1 when a finding reaches this severity: info, warn, fail (default: the profile's, usually fail);"
                    + " never: exit 0 whatever the findings (batch jobs such as Kubernetes Job pods, where 1 means 'retry').")
    Choice failOn;

    /** A severity, or none for {@code never}. */
    record Choice(Severity severity) {
    }

    static final class ChoiceConverter implements ITypeConverter<Choice> {
        @Override
        public Choice convert(String value) {
            if (value.strip().toLowerCase(Locale.ROOT).equals("never")) {
                return new Choice(null);
            }
            try {
                return new Choice(Severity.parse(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown severity '" + io.smtpscope.text.Printable.escapeControls(value)
                        + "' (expected info, warn, fail or never)");
            }
        }
    }

    /** The option if given, else the profile's {@code fail_on}; null for {@code never}. */
    Severity threshold(Profile profile) {
        return failOn != null ? failOn.severity() : profile.failOn();
    }

    /** True when the report's findings or diagnoses reach the threshold: the "exit 1" of scan and judge. */
    boolean reached(ScanReport report, Profile profile) {
        Severity threshold = threshold(profile);
        return threshold != null && Judge.anyFindingReaches(report, threshold);
    }
}
