package io.smtpscope.cli;

import io.smtpscope.report.ConsoleStyle;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.Map;

/**
 * {@code --color auto|always|never}. auto: colour only when stdout is a terminal and {@code NO_COLOR} is unset
 * or empty (no-color.org) and TERM is not "dumb"; always and never are the user's explicit word and win over
 * NO_COLOR, as no-color.org allows.
 */
enum ColorChoice {
    AUTO, ALWAYS, NEVER;

    ConsoleStyle style(Map<String, String> env, boolean stdoutIsTerminal) {
        return switch (this) {
            case ALWAYS -> ConsoleStyle.COLOUR;
            case NEVER -> ConsoleStyle.PLAIN;
            case AUTO -> stdoutIsTerminal && env.getOrDefault("NO_COLOR", "").isEmpty()
                    && !"dumb".equals(env.get("TERM")) ? ConsoleStyle.COLOUR : ConsoleStyle.PLAIN;
        };
    }

    static final class Converter implements ITypeConverter<ColorChoice> {
        @Override
        public ColorChoice convert(String value) {
            try {
                return ColorChoice.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not one of auto, always, never");
            }
        }
    }
}
