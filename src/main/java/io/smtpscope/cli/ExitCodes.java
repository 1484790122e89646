package io.smtpscope.cli;

/** Exit statuses, in one place so that help, README and code agree. */
public final class ExitCodes {
    /** The scan ran and no finding reached {@code --fail-on}. */
    public static final int OK = 0;
    /** The scan ran and at least one finding reached {@code --fail-on}. */
    public static final int FINDINGS = 1;
    /** Bad command line, unreadable input file, bad profile: nothing was scanned. */
    public static final int USAGE = 2;
    /** A bug in smtpscope; the message says what happened. */
    public static final int INTERNAL = 3;

    public static final String HELP = """
            Exit status:
              0  no finding reached --fail-on
              1  at least one finding reached --fail-on (default: fail)
              2  usage or input error (bad option, unreadable file, bad profile, no valid target)
              3  internal error""";

    private ExitCodes() {
    }
}
