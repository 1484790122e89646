package io.smtpscope.cli;

/**
 * Exit statuses, in one place so that help, README and code agree. Each command's help shows the table that
 * is true for it: only commands that judge findings exit 1 for them.
 */
public final class ExitCodes {
    /** The scan ran and no finding reached {@code --fail-on}. */
    public static final int OK = 0;
    /** The scan ran and at least one finding reached {@code --fail-on}. */
    public static final int FINDINGS = 1;
    /** Bad command line, unreadable input file, bad profile: nothing was scanned. */
    public static final int USAGE = 2;
    /** A bug in smtpscope; the message says what happened. */
    public static final int INTERNAL = 3;

    /** {@code scan}. A dead host is a fail diagnosis, so it exits 1 with the default --fail-on. */
    public static final String HELP = """
            Exit status:
              0  no finding or diagnosis reached --fail-on
              1  at least one finding or diagnosis reached --fail-on (default: fail);
                 a host none of whose scanned mail ports accepted an SMTP
                 connection is a fail diagnosis (NO_MAIL_PORT_REACHABLE)
              2  usage or input error (bad option, unreadable file, bad profile,
                 no valid target, report path not writable)
              3  internal error""";

    /** {@code judge}: the same rule, applied to a saved report. */
    public static final String JUDGE = """
            Exit status:
              0  no finding or diagnosis of the re-judged report reached --fail-on
              1  at least one finding or diagnosis reached --fail-on (default: the
                 profile's)
              2  usage or input error (bad option, unreadable report, bad profile)
              3  internal error""";

    /** Commands that print or write what they are asked for: findings, explain, report, history. */
    public static final String INFO = """
            Exit status:
              0  done
              2  usage or input error (bad option, unknown id, unreadable or
                 unwritable file, no history database)
              3  internal error""";

    /** {@code demo}: it shows findings, it does not judge the machine it runs on. */
    public static final String DEMO = """
            Exit status:
              0  the demo ran, whatever it found
              2  the demo servers could not start, or a report path is not writable
              3  internal error""";

    /** {@code diff}, like diff(1). */
    public static final String DIFF = """
            Exit status:
              0  no changes
              1  changes
              2  usage error or unreadable input
              3  internal error""";

    /** The bare {@code smtpscope}: a command is required. */
    public static final String ROOT = """
            Exit status: each command's help has its own table. Without a command,
            smtpscope prints this help and exits 2.""";

    private ExitCodes() {
    }
}
