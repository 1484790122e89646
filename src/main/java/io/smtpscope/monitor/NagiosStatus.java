package io.smtpscope.monitor;

/** Monitoring Plugins return codes (Monitoring Plugins Development Guidelines, "Plugin Return Codes"). */
public enum NagiosStatus {
    OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

    private final int exitCode;

    NagiosStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
