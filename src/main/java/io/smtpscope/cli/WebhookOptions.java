package io.smtpscope.cli;

import io.smtpscope.monitor.Webhook;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where watch POSTs its changes. The URL usually carries the token that lets anyone post (a Slack or Teams hook, an
 * incident service key), so it is read from a file or the environment; on the command line it shows in {@code ps}
 * to every user of the machine, and in the unit file of a service, which is allowed but warned about.
 */
public final class WebhookOptions {
    static final String ENV = "SMTPSCOPE_WEBHOOK_URL";

    /** Reads environment variables; replaceable so in-process tests need not touch the real environment. */
    static UnaryOperator<String> environment = System::getenv;

    @Option(names = "--webhook-file", paramLabel = "FILE",
            description = "POST the changes as JSON to the URL on the first line of FILE when a run differs from the previous one"
                    + " (or set " + ENV + ").")
    Path file;

    @Option(names = "--webhook", paramLabel = "URL",
            description = "The same with the URL on the command line, where other users see it (ps): prefer --webhook-file.")
    String url;

    /** The webhook, if one is set; {@code err} gets the warning about a URL on the command line. */
    Optional<Webhook> webhook(PrintWriter err) {
        if (file != null && url != null) {
            throw new UserInputException("give the webhook URL once: --webhook-file or --webhook, not both");
        }
        String source;
        String text;
        if (file != null) {
            source = "--webhook-file " + file;
            text = SecretFile.firstLine(file, "--webhook-file");
        } else if (url != null) {
            source = "--webhook";
            text = url;
            err.println("smtpscope watch: warning: --webhook shows the URL, and the token in it, to every user of this machine"
                    + " (ps); use --webhook-file FILE or " + ENV + " instead");
        } else {
            source = ENV;
            text = environment.apply(ENV);
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Webhook.parse(text));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(source + ": " + e.getMessage());
        }
    }
}
