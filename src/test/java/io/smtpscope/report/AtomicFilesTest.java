package io.smtpscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void relativePathInTheWorkingDirectoryHasAParent() throws IOException {
        // A bare file name has no parent in Path terms; the writer must still find its directory.
        Path target = dir.resolve("x.json");
        AtomicFiles.write(dir.relativize(dir).resolve(target), out -> out.write('1'));
        assertEquals("1", Files.readString(target));
    }
}
