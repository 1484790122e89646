package io.smtpscope.history;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The history is private: the folders smtpscope creates for it are {@code 0700} and the database {@code 0600}, whatever
 * the umask. It accumulates every scanned host, its weaknesses and its banners over months, in the user's data
 * folder, like a browser profile. SQLite creates the {@code -wal} and {@code -shm} files with the database's own mode,
 * so creating the database first, private, covers them too. Existing folders and files are left as they are: the
 * user may have chosen their modes (a shared state folder, a group that reads the database).
 */
final class HistoryFiles {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private HistoryFiles() {
    }

    /** Creates the missing folders up to {@code database} and the empty database file, private, when they are missing. */
    static void prepare(Path database) throws IOException {
        Path absolute = database.toAbsolutePath();
        Path parent = absolute.getParent();
        boolean posix = posix(parent);
        if (parent != null && !Files.isDirectory(parent)) {
            if (posix) {
                Files.createDirectories(parent, attribute(FOLDER));
            } else {
                Files.createDirectories(parent);
            }
        }
        if (posix && !Files.exists(absolute)) {
            try {
                Files.createFile(absolute, attribute(FILE));
            } catch (FileAlreadyExistsException raced) {
                // another run created it meanwhile, with the same mode
            }
        }
    }

    /** Whether the file system of {@code path} (or of its closest existing ancestor) has POSIX modes. */
    private static boolean posix(Path path) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }
}
