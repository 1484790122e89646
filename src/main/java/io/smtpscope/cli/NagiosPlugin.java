package io.smtpscope.cli;

import io.smtpscope.monitor.NagiosCheck;
import io.smtpscope.monitor.NagiosStatus;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.ScanReport;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code scan --nagios}: one status line on stdout and the plugin exit statuses (0 OK, 1 WARNING, 2 CRITICAL,
 * 3 UNKNOWN) instead of smtpscope's own. Whatever goes wrong, bad input included, is UNKNOWN with one line of
 * text, as the monitoring plugin guidelines ask: a usage error must never read as CRITICAL (2).
 */
final class NagiosPlugin {
    private NagiosPlugin() {
    }

    static int run(PrintWriter out, Callable<Integer> scan) {
        try {
            return scan.call();
        } catch (Exception e) {
            return unknown(out, Cli.isInputProblem(e) ? e.getMessage() : "internal error: " + e);
        }
    }

    static int unknown(PrintWriter out, String message) {
        out.println("SMTP UNKNOWN - " + message.replace('|', '/').replaceAll("\\p{Cntrl}", " "));
        out.flush();
        return NagiosStatus.UNKNOWN.exitCode();
    }

    /** The status line and plugin exit status of a finished scan. */
    static int result(ScanReport report, Profile profile, PrintWriter out) {
        NagiosCheck.Result result = new NagiosCheck().evaluate(report, profile.judge());
        out.println(result.line());
        out.flush();
        return result.status().exitCode();
    }
}
