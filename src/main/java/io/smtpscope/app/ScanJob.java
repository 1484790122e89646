package io.smtpscope.app;

import io.smtpscope.result.ScanReport;

import java.util.function.Supplier;

/**
 * A scan ready to run, once ({@code scan}) or on a schedule ({@code watch}): the request, fresh outputs for
 * each run, and the health records every finished run leaves behind.
 */
public record ScanJob(ScanService service, ScanRequest request, Supplier<RunOutput> outputs, HealthRecorder recorder) {
    /**
     * Starts the health records (the history database opens while the scan runs), opens the outputs, scans, hands
     * them the report, closes them, then records the run.
     */
    public ScanReport runOnce() {
        try (HealthRecorder.Run records = recorder.start()) {
            ScanReport report;
            try (RunOutput output = outputs.get()) {
                report = records.withMtaStsHistory(
                        service.run(request, output::planned, output::finished, output.dialWatcher()), request.profile());
                output.completed(report);
            }
            records.record(report);
            return report;
        }
    }
}
