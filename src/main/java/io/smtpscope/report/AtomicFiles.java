package io.smtpscope.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file through a temporary sibling and a rename, so a reader never sees half a report. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Content content) throws IOException {
        write(target, content, null);
    }

    /**
     * As {@link #write(Path, Content)}, giving the file {@code permissions} before it appears (where the file
     * system is POSIX): temporary files are private (0600), which another reader, e.g. node_exporter, cannot open.
     */
    public static void write(Path target, Content content, java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            if (permissions != null && Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, permissions);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
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
