package io.smtpscope.cli;

import picocli.CommandLine.Option;

import java.util.Optional;

/** {@code --ehlo-name}: checked when parsed, so a name that would break the EHLO command never reaches a server. */
public final class EhloNameOption {
    @Option(names = "--ehlo-name", paramLabel = "NAME", converter = Converters.EhloNameConverter.class,
            description = "Name sent in EHLO: a host name or address (default: smtpscope.invalid, or a scan profile's ehlo_name).")
    String name;

    Optional<String> name() {
        return Optional.ofNullable(name);
    }
}
