package io.smtpscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A report path that cannot be written stops the run before its first connection, and creates no folder. */
class ReportPathCheckTest {
    @TempDir
    Path dir;

    /** Runs scan against a loopback listener that is never served, and asserts nobody connected to it. */
    private static CliRun scanWithoutConnecting(String... outputOptions) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String[] args = new String[outputOptions.length + 4];
            args[0] = "scan";
            args[1] = "--no-history";
            args[2] = "127.0.0.1:" + listener.getLocalPort() + "/plain";
            args[3] = "-q";
            System.arraycopy(outputOptions, 0, args, 4, outputOptions.length);
            CliRun run = CliRun.of(args);
            listener.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, listener::accept, "the scan connected despite the bad path");
            return run;
        }
    }

    @Test
    void aMissingFolderIsAnErrorAndIsNotCreated() throws IOException {
        Path missing = dir.resolve("no-such-folder");
        for (String option : new String[] {"--json", "--jsonl", "--csv", "--html"}) {
            CliRun run = scanWithoutConnecting(option, missing.resolve("x.out").toString());
            assertEquals(ExitCodes.USAGE, run.exit(), option + ": " + run);
            assertTrue(run.err().contains(missing + ": no such folder"), run.toString());
            assertFalse(Files.exists(missing), option + " created the folder");
        }
    }

    @Test
    void aFolderWhereNoFileCanBeCreatedFailsBeforeTheScanNamingNoTemporaryFile() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        CliRun run = scanWithoutConnecting("--html", "/proc/x.html");
        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(run.err().contains("cannot write the HTML report to /proc/x.html"), run.toString());
        assertFalse(run.err().contains(".tmp") || run.err().contains(".check"), run.toString());
    }

    @Test
    void aWritableFolderStillGetsItsReport() throws IOException {
        Path report = dir.resolve("ok.json");
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        CliRun run = CliRun.of("scan", "--no-history", "-q", "--profile", "quick", "127.0.0.1:" + closed + "/plain",
                "--json", report.toString());
        assertEquals(ExitCodes.FINDINGS, run.exit(), "the report is written; the dead host fails the run: " + run);
        assertTrue(Files.readString(report).contains("smtpscope/report/v1"));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "the writability check left a file behind");
        }
    }
}
