package io.smtpscope.cli;

import io.smtpscope.reproduce.ManualCommands;
import io.smtpscope.result.Tool;
import io.smtpscope.session.LoginReport;
import io.smtpscope.session.SessionSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "login", header = "Test SMTP AUTH and explain the answer.", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Connects, says EHLO, STARTTLS (implicit TLS on 465), checks the",
                "certificate, logs in with the best mechanism both sides support.",
                "Sends no mail."},
        footer = {"", "The password comes from $SMTP_PASSWORD (or --password-env NAME),",
                "--password-file FILE, or a prompt without echo; an XOAUTH2 token from",
                "$SMTP_OAUTH_TOKEN or --token-file. Never from an option value.",
                "Credentials travel only over TLS 1.2 or 1.3 with what the JDK allows by",
                "default (a scan also observes older TLS), to a certificate that passed",
                "validation unless --insecure.",
                "", "Examples:",
                "  SMTP_PASSWORD=secret smtpscope login smtp.example.com:587 \\",
                "      --user alice@example.com",
                "  smtpscope login smtp.example.com:465 --user alice --password-file ~/.smtp-pass",
                "", "Exit status:", "  0  login succeeded", "  1  login failed, or refused, or the session failed before AUTH",
                "  2  usage or input error", "  3  internal error"})
public final class LoginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SessionOptions options;

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "User name to log in as (often the full e-mail address).")
    String user;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SessionSetup setup = options.setup(user, spec.commandLine().getErr());
        var started = setup.clock().instant();
        SessionSetup.Outcome outcome = setup.run(connection -> { });
        LoginReport report = new LoginReport(LoginReport.SCHEMA, new Tool("smtpscope", VersionProvider.version()), started,
                outcome.session(), outcome.auth(), outcome.error(), outcome.transcript(),
                ManualCommands.of(setup.reproduceRequest(ManualCommands.Step.LOGIN)));
        SessionConsole.json(report, options.json, out);
        if (!options.jsonToStdout()) {
            SessionConsole.login(report, out);
        }
        out.flush();
        return report.success() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
