package io.smtpscope.cli;

import io.smtpscope.app.ScanJob;
import io.smtpscope.app.ScanService;
import io.smtpscope.app.ScanRequest;
import io.smtpscope.result.ScanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "scan", header = "Probe mail servers: TCP, greeting, EHLO, STARTTLS/TLS, certificate, AUTH.",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Never sends MAIL, RCPT or DATA, unless --smuggling-check RECIPIENT",
                "opts in to the SMTP smuggling check (test messages to RECIPIENT; see",
                "docs/smtp-smuggling.md)."},
        footer = {"", "Targets: HOST, HOST:PORT, IPv4, [IPv6], [IPv6]:PORT, each optionally /MODE",
                "(starttls, implicit-tls, plain), e.g. mail.example.com:2525/implicit-tls.",
                "Without a port, the profile's ports are scanned (default 25, 465, 587).",
                "Port 465 is implicit TLS; every other port is SMTP + STARTTLS,",
                "unless /MODE or --mode says otherwise.",
                "",
                "Mail domains: --mx DOMAIN, or mx:DOMAIN as a target or -i line, scans the",
                "domain's MX hosts in preference order, on port 25 only unless DOMAIN:PORT",
                "gives another (--mx example.com:2525). No MX record: the domain's own A/AAAA",
                "is the MX (implicit MX, RFC 5321 5.1). A null MX (RFC 7505) or a failed MX",
                "lookup is one dns-error endpoint for the domain; it never stops the others.",
                "At most fan_out.max_mx_hosts MX hosts per domain and max_addresses",
                "addresses per name are scanned (profile; 10 each). MX hosts in loopback,",
                "link-local or private ranges are reported, not scanned, unless",
                "--allow-private-mx.",
                "",
                "Reports: --json, --jsonl, --csv, --csv-findings, --html, several at once.",
                "--json FILE or --json=FILE writes a file; --json alone or --json - prints",
                "the JSON on stdout. Paths are checked before the first connection.",
                "",
                "Examples:",
                "  smtpscope scan mail.example.com",
                "  smtpscope scan mail.example.com:2525/implicit-tls --json report.json",
                "  smtpscope scan -i hosts.txt --profile quick --html report.html",
                "  smtpscope scan --mx example.com --json -",
                "  smtpscope scan mail.example.com --resolve mail.example.com:192.0.2.10",
                "", ExitCodes.HELP})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScanOptions scan;

    @Mixin
    FailOnOption failOn;

    @Mixin
    ScanOutputOptions output;

    @Mixin
    HealthCheckOptions health;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return health.nagios() ? NagiosPlugin.run(out, () -> scan(out)) : scan(out);
    }

    private int scan(PrintWriter out) {
        ScanReport report = job(out, spec.commandLine().getErr()).runOnce();
        if (health.nagios()) {
            return NagiosPlugin.result(report, scan.profile(), out);
        }
        return failOn.reached(report, scan.profile()) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /**
     * The scan these options describe, checked and ready to run but not started: {@code scan} runs it once,
     * {@code watch} on a schedule. Every usage error is thrown here, before the first connection.
     */
    ScanJob job(PrintWriter out, PrintWriter err) {
        health.validate(output);
        if (health.nagios()) {
            output.quiet = true; // the plugin's status line is the only thing on stdout
        }
        if (!scan.namesTargets()) {
            output.rejectSwallowedTarget();
        }
        output.check();
        ScanRequest request = scan.request(err);
        return new ScanJob(new ScanService(RunOutputs.tool()), request,
                () -> RunOutputs.open(output, request, out, err).rescueOnShutdown(), health.recorder(err));
    }
}
