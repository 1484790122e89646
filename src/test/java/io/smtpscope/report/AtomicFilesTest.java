package io.smtpscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private long files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void writesAndReplacesAndCreatesDirectories() throws IOException {
        Path target = dir.resolve("a/b/report.json");
        AtomicFiles.write(target, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", Files.readString(target));
        AtomicFiles.write(target, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second", Files.readString(target));
        assertEquals(1, files(), "no temporary file left behind");
    }

    @Test
    void failedWriteLeavesTheOldFileIntactAndNoTemporary() throws IOException {
        Path target = dir.resolve("report.json");
        Files.writeString(target, "old complete report");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half a rep".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old complete report", Files.readString(target));
        assertEquals(1, files());
    }

    /** The rule of reports/FORMATS.md: a new report gets the mode any new file gets; a replaced one keeps its mode. */
    @Test
    void aNewReportHasTheModeOfAnyNewFileAndAReplacedOneKeepsItsMode() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
        Path target = dir.resolve("report.json");
        AtomicFiles.write(target, out -> out.write('1'));
        assertEquals(umaskMode, Files.getPosixFilePermissions(target), "not 0600 by the accident of createTempFile");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(target, out -> out.write('2'));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        AtomicFiles.write(target, out -> out.write('3'), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)), "a fixed mode wins");
    }

    /** The data reaches the disk before the rename makes it the report, and the rename before write returns. */
    @Test
    void theTemporaryFileIsSyncedCompleteBeforeTheRenameAndTheFolderAfterIt() throws IOException {
        Path target = dir.resolve("report.json");
        List<String> events = new ArrayList<>();
        AtomicFiles.Syncer original = AtomicFiles.syncer;
        AtomicFiles.syncer = (channel, path) -> {
            if (Files.isDirectory(path)) {
                events.add("folder synced, report " + (Files.exists(target) ? "in place" : "missing"));
            } else {
                events.add("file synced: " + channel.size() + " bytes, report " + (Files.exists(target) ? "in place" : "missing"));
            }
            original.sync(channel, path);
        };
        try {
            AtomicFiles.write(target, out -> out.write("complete".getBytes(StandardCharsets.UTF_8)));
        } finally {
            AtomicFiles.syncer = original;
        }
        assertEquals(List.of("file synced: 8 bytes, report missing", "folder synced, report in place"), events);
    }

    /** Jackson closes the stream it writes to; the file must still be synced and complete. */
    @Test
    void aWriterThatClosesItsStreamStillGetsItsFileSynced() throws IOException {
        Path target = dir.resolve("closed.json");
        AtomicFiles.write(target, out -> {
            out.write("whole".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertEquals("whole", Files.readString(target));
    }

    @Test
    void relativePathInTheWorkingDirectoryHasAParent() throws IOException {
        // A bare file name has no parent in Path terms; the writer must still find its directory.
        Path target = dir.resolve("x.json");
        AtomicFiles.write(dir.relativize(dir).resolve(target), out -> out.write('1'));
        assertEquals("1", Files.readString(target));
    }
}
