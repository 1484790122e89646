package io.smtpscope.cli;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.session.Credentials;
import io.smtpscope.smuggling.SmugglingRequest;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The opt-in SMTP smuggling check of {@code scan} (and {@code watch}, which takes scan's options): it runs only
 * with an explicit {@code --smuggling-check RECIPIENT}, a mailbox the user owns, because a vulnerable server
 * accepts and delivers a test message there. Credentials, for servers that require AUTH, come as {@code login}'s
 * do: the user here, the secret from an environment variable or a file, never from the command line.
 */
final class SmugglingOptions {
    /** One address without spaces, angle brackets or control characters: it goes into MAIL FROM and RCPT TO as is. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>@\\p{Cntrl}]{1,64}@[^\\s<>@\\p{Cntrl}]{1,253}");

    @Option(names = "--smuggling-check", paramLabel = "RECIPIENT",
            description = "Opt in to the SMTP smuggling check: per connection, one test message to RECIPIENT (a mailbox"
                    + " you own) ending with one non-standard end-of-data sequence and no proper terminator. A"
                    + " vulnerable server accepts it: the message is delivered. Never run without this option.")
    String recipient;

    @Option(names = "--smuggling-from", paramLabel = "SENDER", description = "MAIL FROM of the smuggling check (default: RECIPIENT).")
    String sender;

    @Option(names = "--smuggling-user", paramLabel = "USER", description = "Log in as USER before the smuggling check"
            + " (servers that require AUTH); the password as for login: " + SessionOptions.PASSWORD_ENV
            + ", --smuggling-password-env or --smuggling-password-file.")
    String user;

    @Option(names = "--smuggling-password-env", paramLabel = "NAME", description = "Read the smuggling check's password from this environment variable.")
    String passwordEnv;

    @Option(names = "--smuggling-password-file", paramLabel = "FILE", description = "Read the smuggling check's password from the first line of FILE.")
    Path passwordFile;

    /** Null without {@code --smuggling-check}; every inconsistency is a usage error before the first connection. */
    SmugglingRequest request(TrustAnchors anchors) {
        if (recipient == null) {
            if (sender != null || user != null || passwordEnv != null || passwordFile != null) {
                throw new UserInputException("--smuggling-from, --smuggling-user and the smuggling password options"
                        + " need --smuggling-check RECIPIENT");
            }
            return null;
        }
        checkAddress("--smuggling-check", recipient);
        if (sender != null) {
            checkAddress("--smuggling-from", sender);
        }
        return new SmugglingRequest(recipient, sender, credentials(), Optional.empty(), false, anchors, List.of(),
                SmugglingRequest.DEFAULT_WAIT);
    }

    private Credentials credentials() {
        if (user == null) {
            if (passwordEnv != null || passwordFile != null) {
                throw new UserInputException("a smuggling password was given but no --smuggling-user");
            }
            return null;
        }
        if (passwordFile != null) {
            return new Credentials(user, SecretFile.firstLine(passwordFile, "--smuggling-password-file"), Credentials.Kind.PASSWORD);
        }
        String variable = passwordEnv != null ? passwordEnv : SessionOptions.PASSWORD_ENV;
        String secret = SessionOptions.environment.apply(variable);
        if (secret == null || secret.isEmpty()) {
            throw new UserInputException("--smuggling-user needs a password: set " + variable
                    + " or use --smuggling-password-file FILE (a password is never a command-line value)");
        }
        return new Credentials(user, secret, Credentials.Kind.PASSWORD);
    }

    private static void checkAddress(String option, String address) {
        if (!ADDRESS.matcher(address).matches()) {
            throw new UserInputException(option + " needs one mail address like user@example.com, not '"
                    + io.smtpscope.text.Printable.shorten(io.smtpscope.text.Printable.escapeControls(address), 80) + "'");
        }
    }
}
