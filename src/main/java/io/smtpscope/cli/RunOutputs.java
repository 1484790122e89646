package io.smtpscope.cli;

import io.smtpscope.app.RunOutput;
import io.smtpscope.net.DialWatcher;
import io.smtpscope.app.ScanRequest;
import io.smtpscope.report.AtomicFiles;
import io.smtpscope.report.JsonlWriter;
import io.smtpscope.report.SpillingResultStore;
import io.smtpscope.result.ResultStore;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.ShardLine;
import io.smtpscope.result.Tool;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one scan run writes, fed by the engine's result callback: the JSONL stream (each endpoint as
 * it finishes), progress on stderr, and at the end the whole-run reports. If the JVM is stopped first
 * (Ctrl-C, SIGTERM) a shutdown hook writes the whole-run reports from the endpoints finished so far,
 * marked {@code complete: false}. The JSONL stream needs no rescue: every finished line is already on disk.
 */
final class RunOutputs implements RunOutput {
    private final ScanOutputOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Progress progress;
    private final JsonlWriter jsonl;
    private final ScanReport header;
    private final Clock clock;
    /**
     * Kept only when a whole-run report is wanted; the JSONL stream alone holds nothing in memory. Handles of a
     * spilling store, so the rescue copy of a large scan is on disk, not on the heap, as the scan's own results are.
     */
    private final List<ResultStore.Kept> finished;
    private final SpillingResultStore rescueStore;
    private final Object writeLock = new Object();
    private boolean written;
    private Thread hook;

    private RunOutputs(ScanOutputOptions options, ScanReport header, Clock clock, PrintWriter out, PrintWriter err,
                       Progress progress, JsonlWriter jsonl) {
        this.options = options;
        this.header = header;
        this.clock = clock;
        this.out = out;
        this.err = err;
        this.progress = progress;
        this.jsonl = jsonl;
        this.finished = options.destinations().any() ? new ArrayList<>() : null;
        this.rescueStore = finished == null ? null : new SpillingResultStore(SpillingResultStore.DEFAULT_THRESHOLD, null,
                warning -> err.println("smtpscope: warning: " + warning));
    }

    /**
     * Opens the stream (if any) before the first probe, so a bad path fails fast. The header of a partial
     * report (tool, start, profile, input errors) is the request's, started now.
     */
    static RunOutputs open(ScanOutputOptions options, ScanRequest request, PrintWriter out, PrintWriter err) {
        return open(options, header(request.clock().instant(), request.profile().name(), request.inputErrors())
                .withShard(request.shard()), request.clock(), out, err);
    }

    /** As above, around a given header (tests simulate an interrupted run with it). */
    static RunOutputs open(ScanOutputOptions options, ScanReport header, Clock clock, PrintWriter out, PrintWriter err) {
        options.check();
        Progress progress = Progress.forCommand(err, options.quiet);
        JsonlWriter jsonl = openJsonl(options.jsonl, out);
        if (jsonl != null && header.shard() != null) {
            jsonl.write(ShardLine.start(header.shard(), header.tool(), header.profile(), header.startedAt(), header.inputErrors()));
        }
        return new RunOutputs(options, header, clock, out, err, progress, jsonl);
    }

    private static JsonlWriter openJsonl(String name, PrintWriter out) {
        if (name == null) {
            return null;
        }
        if (name.equals("-")) {
            return new JsonlWriter(new WriterStream(out), false);
        }
        try {
            Path file = Path.of(name).toAbsolutePath();
            return new JsonlWriter(new BufferedOutputStream(Files.newOutputStream(file)), true);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UserInputException("cannot write the JSONL stream to " + name + ": " + AtomicFiles.describe(e));
        }
    }

    /** Installs the shutdown hook that rescues finished results when the run is stopped. */
    RunOutputs rescueOnShutdown() {
        if (options.destinations().any()) {
            hook = new Thread(this::writePartial, "smtpscope-interrupted-run");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return this;
    }

    @Override
    public void planned(int targets) {
        progress.planned(targets);
    }

    @Override
    public DialWatcher dialWatcher() {
        return progress::stepStarted;
    }

    /** The engine's onResult: called from many threads. */
    @Override
    public void finished(EndpointResult result) {
        if (jsonl != null) {
            jsonl.write(result);
        }
        if (finished != null) {
            ResultStore.Kept kept = rescueStore.keep(result);
            synchronized (finished) {
                finished.add(kept);
            }
        }
        progress.finished(result);
    }

    /** The normal end: the full report, then the human summary unless quiet or stdout carries data. */
    @Override
    public void completed(ScanReport report) {
        progress.close();
        if (jsonl != null && report.shard() != null) {
            // Only a shard that ran to its end says so: a stream without this line was cut short.
            jsonl.write(ShardLine.end(report.shard(), report.finishedAt(), report.endpoints().size(), report.domains()));
        }
        closeStream();
        synchronized (writeLock) {
            if (written) {
                return; // the JVM is shutting down and the hook already wrote the partial report
            }
            options.destinations().write(report, out);
            written = true;
        }
        options.console(report, out, options.verbose);
    }

    /** What has finished so far, as an incomplete report. */
    ScanReport partial() {
        List<EndpointResult> snapshot;
        if (finished == null) {
            snapshot = List.of();
        } else {
            synchronized (finished) {
                snapshot = rescueStore.list(List.copyOf(finished));
            }
        }
        Instant now = clock.instant();
        return new ScanReport(header.schema(), header.tool(), header.startedAt(), now, header.profile(), snapshot,
                header.inputErrors(), false, List.of(), null, header.shard());
    }

    /** The shutdown hook's body; also callable directly (tests simulate an interrupted run with it). */
    void writePartial() {
        progress.close();
        closeStream();
        synchronized (writeLock) {
            if (written) {
                return;
            }
            ScanReport partial = partial();
            try {
                options.destinations().write(partial, out);
                err.println("smtpscope: interrupted: wrote the " + partial.endpoints().size()
                        + " finished endpoint(s), marked incomplete");
            } catch (RuntimeException e) {
                err.println("smtpscope: interrupted, and could not write the partial report: " + e.getMessage());
            }
            written = true;
            err.flush();
            out.flush();
        }
    }

    private void closeStream() {
        if (jsonl != null) {
            try {
                jsonl.close();
            } catch (IOException e) {
                err.println("smtpscope: cannot write the JSONL stream to " + options.jsonl + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closeStream();
        progress.close();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs, and sees the report written; the spill file goes on exit
                return;
            }
        }
        if (rescueStore != null) {
            rescueStore.close();
        }
    }

    static Tool tool() {
        return new Tool("smtpscope", VersionProvider.version());
    }

    static ScanReport header(Instant started, String profile, List<String> inputErrors) {
        return new ScanReport(ScanReport.SCHEMA, tool(), started, started, profile, List.of(), inputErrors, false, List.of());
    }

    /** Bytes of JSONL into the command's stdout writer (UTF-8 lines, flushed by the JSONL writer). */
    private static final class WriterStream extends OutputStream {
        private final Writer writer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterStream(Writer writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            line.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            line.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            writer.write(line.toString(StandardCharsets.UTF_8));
            line.reset();
            writer.flush();
        }
    }
}
