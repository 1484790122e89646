package io.smtpscope.report;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Writes a file through a temporary sibling and a rename, so a reader never sees half a report.
 *
 * <p>File modes, one rule for every report (reports/FORMATS.md): a new file gets the mode any new file gets
 * ({@code 0666} less the umask, {@code 0644} under the usual {@code 022}), exactly as the streamed JSONL does; a file
 * that is replaced keeps its mode, so a report made private once ({@code chmod 600}) stays private. Callers that need
 * a fixed mode (the Prometheus textfile, which node_exporter must read) pass it.
 *
 * <p>Durability: the temporary file is forced to disk before the rename, and the folder after it. Without the first,
 * a crash soon after the rename can leave an empty or partial file under the final name on file systems that
 * reorder metadata and data writes (ext4 with delalloc, XFS); the rename alone only orders what readers see.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Forces a file's or folder's data to the device; replaceable so a test can see when it happens. */
    @FunctionalInterface
    interface Syncer {
        void sync(FileChannel channel, Path path) throws IOException;
    }

    static Syncer syncer = (channel, path) -> channel.force(true);

    public static void write(Path target, Content content) throws IOException {
        write(target, content, null);
    }

    /** As {@link #write(Path, Content)}, giving the file {@code permissions} (where the file system is POSIX). */
    public static void write(Path target, Content content, Set<PosixFilePermission> permissions) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = createTemp(absolute);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                // A writer may close what it is given (Jackson does); the channel must stay open to be synced.
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                syncer.sync(channel, temp);
            }
            Set<PosixFilePermission> mode = permissions != null ? permissions : existingMode(absolute);
            if (mode != null && Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, mode);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new, empty sibling with the mode of any new file: {@code Files.createTempFile} would make it 0600 whatever the
     * umask says, and the report would inherit that by accident.
     */
    private static Path createTemp(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static Set<PosixFilePermission> existingMode(Path target) {
        try {
            return Files.exists(target) ? Files.getPosixFilePermissions(target) : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null; // not POSIX, or gone meanwhile: the new file's own mode stands
        }
    }

    /** Makes the rename itself durable; a folder cannot be opened on every platform, where this does nothing. */
    private static void syncFolder(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            syncer.sync(channel, dir);
        } catch (IOException | UnsupportedOperationException e) {
            // the file is in place; only its survival of a power cut is less certain
        }
    }

    /**
     * Fails before a long scan, not after it, when {@code target} cannot be written. The folder must exist: a
     * mistyped path creates no folders. A file is really created there and removed, because permission bits do
     * not tell (root may write anywhere but /proc, a read-only mount, a full disk).
     */
    public static void checkWritable(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.FileSystemException(dir.toString(), null, "no such folder (smtpscope creates none)");
        }
        if (Files.isDirectory(absolute)) {
            throw new java.nio.file.FileSystemException(absolute.toString(), null, "is a folder");
        }
        Path probe;
        try {
            probe = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".check");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new java.nio.file.AccessDeniedException(dir.toString(), null, "folder is not writable");
        } catch (IOException e) {
            // The exception names the probe file, which means nothing to the user: name the folder only.
            throw new java.nio.file.FileSystemException(dir.toString(), null, "cannot create a file in this folder");
        }
        Files.deleteIfExists(probe);
    }

    /** An I/O failure in words: Java's messages are often just the path ("/proc/nope"). */
    public static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied: " + a.getFile() + (a.getReason() != null ? " (" + a.getReason() + ")" : "");
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "a file is in the way: " + f.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        return String.valueOf(e.getMessage());
    }
}
