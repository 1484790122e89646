package io.smtpscope.cli;

import io.smtpscope.mail.Attachment;
import io.smtpscope.mail.DotStuffing;
import io.smtpscope.mail.SendReport;
import io.smtpscope.mail.SendTest;
import io.smtpscope.mail.TestMessage;
import io.smtpscope.result.Tool;
import io.smtpscope.session.SessionSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

@Command(name = "send-test", header = "Send one real test message and explain every reply.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Connect, TLS, log in (with --user), MAIL FROM, RCPT TO, DATA.",
                "--dry-run prints the message and sends nothing."},
        footer = {"", "Credentials as for 'smtpscope login'. The message, like credentials, leaves",
                "only over TLS with a certificate that passed validation (--ca-file for a",
                "private CA), unless --allow-plaintext (no TLS) or --insecure (certificate",
                "failed); never over TLS below 1.2 or with suites the JDK disables.", "",
                "Examples:",
                "  smtpscope send-test smtp.example.com:587 --from alice@example.com \\",
                "      --to bob@example.net --dry-run",
                "  smtpscope send-test smtp.example.com:587 --user alice@example.com \\",
                "      --from alice@example.com --to bob@example.net --attach report.pdf", "",
                "Exit status:", "  0  the server accepted the message (or --dry-run)",
                "  1  login, a transaction step or the session failed", "  2  usage or input error", "  3  internal error"})
public final class SendTestCommand implements Callable<Integer> {
    /** Enough to catch typos; the server is the judge of what it accepts. No <, >, spaces or control characters. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:\"\\\\\\p{Cntrl}]{1,64}@[^\\s<>()\\[\\],;:\"\\\\\\p{Cntrl}@]{1,255}");

    @Spec
    CommandSpec spec;

    @Mixin
    SessionOptions options;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Log in as USER before sending (leave out to send without AUTH, e.g. to port 25).")
    String user;

    @Option(names = "--from", required = true, paramLabel = "ADDRESS", description = "Envelope and header sender.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Recipient; repeatable.")
    List<String> to = new ArrayList<>();

    @Option(names = "--attach", paramLabel = "FILE", description = "Attach FILE; repeatable.")
    List<Path> attach = new ArrayList<>();

    @Option(names = "--subject", paramLabel = "TEXT", description = "Subject (default: 'smtpscope test message via HOST:PORT at DATE').")
    String subject;

    @Option(names = "--dry-run", description = "Print the message that would be sent, send nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        checkAddress("--from", from);
        to.forEach(a -> checkAddress("--to", a));
        if (to.size() > 100) {
            throw new UserInputException("at most 100 --to recipients");
        }
        List<Attachment> attachments = new ArrayList<>();
        for (Path file : attach) {
            try {
                attachments.add(Attachment.read(file));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
        }
        if (subject != null && (subject.length() > 200 || subject.chars().anyMatch(Character::isISOControl))) {
            throw new UserInputException("--subject must be one line of at most 200 characters");
        }
        ZonedDateTime now = ZonedDateTime.now();
        String server = options.target;
        String body = "This is a test message sent by smtpscope " + VersionProvider.version() + " through "
                + server + ".\n\nIf you can read it, the server accepted it for delivery to this mailbox.\n"
                + "Sent at " + now + ".\n"
                + ".This line starts with a dot. If it arrives with its dot, dot-stuffing worked (RFC 5321 section 4.5.2).\n";
        TestMessage.Built message = TestMessage.build(from, to, subject != null ? subject : TestMessage.defaultSubject(server, now),
                body, attachments, now);
        if (dryRun) {
            // Exactly what DATA would carry, before dot-stuffing; nothing is sent and no credentials are read.
            options.spec(); // the target must be valid, but nothing is resolved or contacted
            out.print(new String(message.bytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
            out.println("(dry run: " + message.bytes().length + " bytes, " + DotStuffing.encode(message.bytes()).length
                    + " on the wire; nothing was sent)");
            out.flush();
            return ExitCodes.OK;
        }
        SessionSetup setup = options.setup(user, spec.commandLine().getErr());
        List<String> names = attach.stream().map(Path::toString).toList();
        SendReport report = SendTest.run(setup, new Tool("smtpscope", VersionProvider.version()), from, to, message, names);
        SessionConsole.json(report, options.json, out);
        if (!options.jsonToStdout()) {
            SessionConsole.send(report, out);
        }
        out.flush();
        return report.accepted() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private static void checkAddress(String option, String address) {
        if (!ADDRESS.matcher(address).matches()) {
            throw new UserInputException(option + " '" + address + "' is not a mail address like user@example.com");
        }
    }
}
