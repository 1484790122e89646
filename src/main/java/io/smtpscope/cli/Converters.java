package io.smtpscope.cli;

import io.smtpscope.dns.DnsClient;
import io.smtpscope.profile.Durations;
import io.smtpscope.profile.Profile;
import io.smtpscope.profile.ProfileException;
import io.smtpscope.profile.ProfileLoader;
import io.smtpscope.result.Severity;
import io.smtpscope.session.Mechanism;
import io.smtpscope.target.HostSyntax;
import io.smtpscope.target.Mode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Option values turned into types while the command line is parsed, so a bad value is a usage error before
 * anything runs. A converter's message says what is wrong with the value; {@link Cli} puts the option's name
 * in front of it ({@code --fail-on: unknown severity 'critical' ...}).
 */
final class Converters {
    private Converters() {
    }

    /** Wraps a parser that throws {@link IllegalArgumentException} with the message the user should see. */
    private static <T> T checked(java.util.function.Function<String, T> parser, String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            return checked(Severity::parse, value);
        }
    }

    static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return checked(Mode::parse, value);
        }
    }

    static final class MechanismConverter implements ITypeConverter<Mechanism> {
        @Override
        public Mechanism convert(String value) {
            return checked(Mechanism::parse, value);
        }
    }

    /** A bundled profile name or a YAML file, loaded and validated (with its {@code extends} chain) at once. */
    static final class ProfileConverter implements ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            try {
                return new ProfileLoader().load(value);
            } catch (ProfileException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The one check of a name sent in EHLO, shared with profiles' {@code ehlo_name}. */
    static final class EhloNameConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            HostSyntax.ehloNameProblem(value).ifPresent(problem -> {
                throw new TypeConversionException(problem);
            });
            return value;
        }
    }

    /** {@code watch --every}: a number and a unit, {@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}; 1 s to 7 days. */
    static final class IntervalConverter implements ITypeConverter<Duration> {
        static final Duration MIN = Duration.ofSeconds(1);
        static final Duration MAX = Duration.ofDays(7);

        @Override
        public Duration convert(String value) {
            return checked(text -> Durations.parse(text, MIN, MAX, "interval", "30s, 15m, 1h, 1d"), value);
        }
    }

    /** {@code --dns-server IP[:PORT]}: an address, never a name (the server is what resolves names). */
    static final class DnsServerConverter implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            return checked(DnsClient::parseServer, value);
        }
    }
}
