package io.smtpscope.cli;

/**
 * Exit statuses, in one place so that help, README and code agree. The numbers mean the same in every command
 * (0 all well, 1 the thing checked is not well, 2 the command line or its input is wrong, 3 a bug); what "not
 * well" is differs per command, so each command's help shows its own table from here.
 */
public final class ExitCodes {
    /** The command did what was asked and found nothing at or above its threshold. */
    public static final int OK = 0;
    /**
     * scan, judge: a finding or diagnosis reached {@code --fail-on}; login, send-test: the login or the message
     * was refused; diff: the runs differ.
     */
    public static final int FINDINGS = 1;
    /** Bad command line, unreadable input file, bad profile: nothing was scanned. */
    public static final int USAGE = 2;
    /** A bug in smtpscope; the message says what happened. */
    public static final int INTERNAL = 3;

    /** scan and judge. A dead host is a fail diagnosis, so it exits 1 with the default --fail-on. */
    public static final String HELP = """
            Exit status:
              0  no finding or diagnosis reached --fail-on
              1  at least one finding or diagnosis reached --fail-on (default: fail); a host
                 none of whose scanned mail ports accepted an SMTP connection is a fail
                 diagnosis (NO_MAIL_PORT_REACHABLE)
              2  usage or input error (bad option, unreadable file, bad profile, no valid target)
              3  internal error""";

    /** explain and findings: they only read the bundled catalogues. */
    public static final String LOOKUP_HELP = """
            Exit status:
              0  printed
              2  unknown id or reply code, or another usage error
              3  internal error""";

    /** The whole tool: each command's --help has its own table. */
    public static final String OVERVIEW_HELP = """
            Exit status (each command's --help has its own table):
              0  all well: nothing reached the command's threshold (scan, judge: --fail-on)
              1  what was checked is not well: a finding or diagnosis reached --fail-on
                 (scan, judge), login or message refused (login, send-test), runs differ (diff)
              2  usage or input error (bad option, unreadable file, bad profile, no valid target)
              3  internal error""";

    private ExitCodes() {
    }
}
