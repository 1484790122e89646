package io.smtpscope.app;

import io.smtpscope.net.DialWatcher;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;

/**
 * What a caller shows or writes of one scan run while it happens (progress, a JSONL stream) and when it ends
 * (report files, a summary). Opened before the run, so a bad destination stops it before the first connection.
 */
public interface RunOutput extends AutoCloseable {
    /** How many targets are about to be probed. */
    void planned(int targets);

    /** One judged endpoint, as soon as it is done; called from many threads. */
    void finished(EndpointResult endpoint);

    /** Hears each connection step as it starts (what the run waits for); by default nobody listens. */
    default DialWatcher dialWatcher() {
        return DialWatcher.NONE;
    }

    /** The whole report of a run that ran to its end. */
    void completed(ScanReport report);

    @Override
    void close();
}
