package io.smtpscope.report;

import com.fasterxml.jackson.databind.ObjectReader;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ResultStore;
import io.smtpscope.result.StoredEndpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps the first {@code threshold} results on the heap and appends the others as JSON lines to a temporary file,
 * keeping only their offsets: a 10,000-endpoint scan's report then fits a small heap. The report's list reads a
 * spilled result back on each {@code get}, with the report contract's own JSON mapping, so what is written from it
 * is what the in-memory scan writes.
 * <p>The file is readable by its owner only (reports can be sensitive), and deleted on {@link #close}, when the
 * store and its lists are no longer reachable, or at the latest on exit. When writing fails (disk full), the
 * result and every later one stay on the heap and {@code warnings} is told once: no result is lost.
 */
public final class SpillingResultStore implements ResultStore, AutoCloseable {
    public static final int DEFAULT_THRESHOLD = 500;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ObjectReader ENDPOINT = Json.mapper().readerFor(EndpointResult.class);

    private final int threshold;
    private final Path directory;
    private final Consumer<String> warnings;
    private int onHeap;
    private SpillFile file;
    private Cleaner.Cleanable cleanable;
    private boolean failed;

    /** {@code directory}: where the spill file goes (null: the system's temporary directory). */
    public SpillingResultStore(int threshold, Path directory, Consumer<String> warnings) {
        if (threshold < 0) {
            throw new IllegalArgumentException("spill threshold must be at least 0");
        }
        this.threshold = threshold;
        this.directory = directory;
        this.warnings = Objects.requireNonNull(warnings);
    }

    /** Where a spilled result is: a line of the spill file. */
    record OnDisk(long offset, int length) implements Kept {
    }

    @Override
    public Kept keep(EndpointResult result) {
        synchronized (this) {
            if (onHeap < threshold || failed) {
                onHeap++;
                return new Held(result);
            }
        }
        byte[] line;
        try {
            line = Json.mapper().writeValueAsBytes(result); // outside the lock: many threads finish at once
        } catch (IOException e) {
            return keptOnHeap(result, e);
        }
        synchronized (this) {
            try {
                if (file == null) {
                    file = SpillFile.create(directory);
                    cleanable = CLEANER.register(this, file);
                }
                return new OnDisk(file.append(line), line.length);
            } catch (IOException | UncheckedIOException e) {
                return keptOnHeap(result, e);
            }
        }
    }

    private synchronized Kept keptOnHeap(EndpointResult result, Exception e) {
        if (!failed) {
            failed = true;
            warnings.accept("could not spill results to disk (" + e.getMessage() + "); keeping the rest in memory");
        }
        onHeap++;
        return new Held(result);
    }

    @Override
    public List<EndpointResult> list(List<Kept> inReportOrder) {
        return new Spilled(this, inReportOrder.toArray(Kept[]::new));
    }

    /** The spill file, while there is one (tests: its permissions, its removal). */
    synchronized Path path() {
        return file == null ? null : file.path;
    }

    /** Deletes the spill file: lists of this store can no longer read what it held. */
    @Override
    public void close() {
        Cleaner.Cleanable c;
        synchronized (this) {
            c = cleanable;
        }
        if (c != null) {
            c.clean();
        }
    }

    private EndpointResult read(OnDisk where) {
        SpillFile f;
        synchronized (this) {
            f = file;
        }
        try {
            return ENDPOINT.readValue(f.read(where.offset(), where.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a spilled result back from " + f.path, e);
        }
    }

    /** The report's list: handles in report order; holding the store keeps its file. */
    private static final class Spilled extends StoredEndpoints {
        private final SpillingResultStore store;
        private final Kept[] kept;

        Spilled(SpillingResultStore store, Kept[] kept) {
            this.store = store;
            this.kept = kept;
        }

        @Override
        public EndpointResult get(int index) {
            return switch (kept[index]) {
                case Held held -> held.result();
                case OnDisk where -> store.read(where);
                default -> throw new IllegalStateException("not a handle of this store: " + kept[index]);
            };
        }

        @Override
        public int size() {
            return kept.length;
        }
    }

    /** The file and its channel; also the cleaning action, so it must not refer to the store. */
    private static final class SpillFile implements Runnable {
        private final Path path;
        private final FileChannel channel;
        private long end;

        private SpillFile(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        static SpillFile create(Path directory) throws IOException {
            Path dir = directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
            Path path = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(dir, "smtpscope-results-", ".jsonl",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "smtpscope-results-", ".jsonl");
            path.toFile().deleteOnExit();
            try {
                return new SpillFile(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
            } catch (IOException e) {
                Files.deleteIfExists(path);
                throw e;
            }
        }

        /** Appends {@code line} whole; returns its offset. */
        long append(byte[] line) throws IOException {
            long offset = end;
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
            end += line.length;
            return offset;
        }

        byte[] read(long offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("spill file ends early");
                }
            }
            return buffer.array();
        }

        @Override
        public void run() {
            try {
                channel.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // at worst the file goes on exit (deleteOnExit)
            }
        }
    }
}
