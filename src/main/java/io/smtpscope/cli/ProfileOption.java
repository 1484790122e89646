package io.smtpscope.cli;

import io.smtpscope.profile.Profile;
import picocli.CommandLine.Option;

/** {@code --profile}: how to scan and how to judge, shared by scan (and watch) and judge. */
public final class ProfileOption {
    @Option(names = "--profile", paramLabel = "NAME|FILE", defaultValue = "default", converter = Converters.ProfileConverter.class,
            description = "Profile: default, quick, full, submission, health, strict, or a YAML file (default: ${DEFAULT-VALUE}). "
                    + "See 'smtpscope findings --profile NAME'.")
    Profile profile;

    Profile profile() {
        return profile;
    }
}
