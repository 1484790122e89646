package io.smtpscope.cli;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.target.Endpoint;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.session.Credentials;
import io.smtpscope.session.Mechanism;
import io.smtpscope.session.SessionSetup;
import io.smtpscope.target.Mode;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.Target;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Options shared by {@code login} and {@code send-test}: the server, who logs in and where the secret
 * comes from. A secret is never an option value (it would show in {@code ps} and shell history): it comes
 * from an environment variable, a file, or a prompt without echo.
 */
public final class SessionOptions {
    static final String PASSWORD_ENV = "SMTP_PASSWORD";
    static final String TOKEN_ENV = "SMTP_OAUTH_TOKEN";

    /** Reads environment variables; replaceable so in-process tests need not touch the real environment. */
    static UnaryOperator<String> environment = System::getenv;

    @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "Server, e.g. smtp.example.com:587, [2001:db8::1]:465 (default port 587; /MODE as for scan).")
    String target;

    @Option(names = "--password-env", paramLabel = "NAME", description = "Read the password from this environment variable (default: " + PASSWORD_ENV + ").")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
    Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read an OAuth 2 access token for XOAUTH2 from FILE (or set " + TOKEN_ENV + " with --mech XOAUTH2).")
    Path tokenFile;

    @Option(names = "--mech", paramLabel = "MECH", converter = Converters.MechanismConverter.class,
            description = "SASL mechanism: PLAIN, LOGIN, CRAM-MD5 or XOAUTH2 (default: the best both sides support).")
    Mechanism mech;

    @Option(names = "--allow-plaintext", description = "Send credentials (send-test: the message) even when the connection is not encrypted (never do this over the Internet).")
    boolean allowPlaintext;

    @Option(names = "--insecure", description = "Send credentials (send-test: the message) even when the certificate fails validation.")
    boolean insecure;

    @Mixin
    TrustOptions trust;

    @Mixin
    EhloNameOption ehloName;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Total time for the whole session (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", paramLabel = "FILE|-", arity = "0..1", fallbackValue = JsonValue.STDOUT,
            preprocessor = JsonValue.FileOrStdout.class,
            description = "Also write the result as JSON to FILE; alone or with '-', only JSON to stdout.")
    String json;

    TargetSpec spec() {
        try {
            return TargetParser.parse(target);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("target '" + target + "': " + e.getMessage());
        }
    }

    Endpoint endpoint() {
        TargetSpec spec = spec();
        int port = spec.port().orElse(587);
        Mode mode = spec.mode().orElse(Mode.defaultFor(port));
        ResolveOverrides overrides = trust.overrides();
        InetAddress address;
        try {
            address = overrides.lookup(spec.host()).map(list -> list.get(0)).orElse(null);
            if (address == null) {
                address = InetAddress.getByName(spec.host()); // an IP literal never triggers DNS
            }
        } catch (UnknownHostException e) {
            throw new UserInputException("cannot resolve " + spec.host() + ": " + e.getMessage());
        }
        String given = spec.port().isPresent() ? spec.given() : spec.given() + ":" + port;
        return new Endpoint(new Target(given, spec.host(), port, mode), address, spec.host());
    }

    ProbeSettings settings() {
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new UserInputException("--timeout must be between 1 and 3600 seconds");
        }
        Duration total = Duration.ofSeconds(timeoutSeconds);
        Duration step = total.compareTo(Duration.ofSeconds(30)) < 0 ? total : Duration.ofSeconds(30);
        ProbeSettings defaults = ProbeSettings.defaults();
        return defaults.withEhloName(ehloName.name().orElse(defaults.ehloName())).withTimeouts(step, step, step, step, total);
    }

    Optional<Mechanism> mechanism() {
        return Optional.ofNullable(mech);
    }

    /** Null when {@code user} is null (send-test without AUTH). */
    Credentials credentials(String user, java.io.PrintWriter err) {
        if (user == null) {
            if (passwordFile != null || tokenFile != null || passwordEnv != null) {
                throw new UserInputException("a password or token was given but no --user");
            }
            return null;
        }
        Optional<Mechanism> forced = mechanism();
        boolean token = tokenFile != null || forced.filter(m -> m == Mechanism.XOAUTH2).isPresent();
        if (token && forced.isPresent() && forced.get() != Mechanism.XOAUTH2) {
            throw new UserInputException("--token-file goes with XOAUTH2, not --mech " + forced.get());
        }
        if (token) {
            String secret = tokenFile != null ? readSecretFile(tokenFile, "--token-file") : environment.apply(TOKEN_ENV);
            if (secret == null || secret.isEmpty()) {
                throw new UserInputException("XOAUTH2 needs a token: --token-file FILE or the environment variable " + TOKEN_ENV);
            }
            return new Credentials(user, secret, Credentials.Kind.OAUTH_TOKEN);
        }
        return new Credentials(user, password(user, err), Credentials.Kind.PASSWORD);
    }

    private String password(String user, java.io.PrintWriter err) {
        if (passwordFile != null) {
            return readSecretFile(passwordFile, "--password-file");
        }
        String variable = passwordEnv != null ? passwordEnv : PASSWORD_ENV;
        String fromEnv = environment.apply(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        if (passwordEnv != null) {
            throw new UserInputException("the environment variable " + passwordEnv + " (--password-env) is not set or empty");
        }
        Console console = System.console();
        if (console != null) { // Java 21: null unless a terminal is attached
            char[] typed = console.readPassword("Password for %s: ", user);
            if (typed != null && typed.length > 0) {
                return new String(typed);
            }
        }
        throw new UserInputException("no password: set " + PASSWORD_ENV + ", use --password-file FILE or --password-env NAME,"
                + " or run in a terminal to be asked (a password is never a command-line value)");
    }

    private static String readSecretFile(Path file, String option) {
        return SecretFile.firstLine(file, option);
    }

    SessionSetup setup(String user, java.io.PrintWriter err) {
        Endpoint endpoint = endpoint();
        ProbeSettings settings = settings();
        Credentials credentials = credentials(user, err);
        return new SessionSetup(endpoint, settings, new ChainValidator(trust.anchors()),
                Clock.systemUTC(), credentials, mechanism(), allowPlaintext, insecure);
    }

    boolean jsonToStdout() {
        return "-".equals(json);
    }
}
