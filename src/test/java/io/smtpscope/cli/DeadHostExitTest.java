package io.smtpscope.cli;

import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import io.smtpscope.report.Json;
import io.smtpscope.result.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host whose mail ports all refuse is down for mail: the scan says so and exits 1, so cron and CI notice. */
class DeadHostExitTest {
    @TempDir
    Path dir;

    /** Loopback ports that were free a moment ago: nothing listens, the kernel refuses at once. */
    private static List<Integer> closedPorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aHostWithNoReachableMailPortExitsOneAndNamesPortsAndOutcomes() throws Exception {
        List<Integer> ports = closedPorts(3);
        Path json = dir.resolve("dead.json");
        List<String> args = new ArrayList<>(List.of("scan", "--json", json.toString()));
        ports.forEach(p -> args.add("127.0.0.1:" + p));
        CliRun run = CliRun.of(args);
        assertEquals(ExitCodes.FINDINGS, run.exit(), run::toString);
        assertTrue(run.out().contains("No mail port of 127.0.0.1 is reachable"), run::toString);
        ScanReport report = Json.mapper().readValue(json.toFile(), ScanReport.class);
        assertEquals(1, report.diagnosis().size(), report.diagnosis()::toString);
        assertEquals("NO_MAIL_PORT_REACHABLE", report.diagnosis().get(0).id());
        for (int port : ports) {
            assertTrue(report.diagnosis().get(0).evidence().contains("port " + port + ": refused"),
                    report.diagnosis().get(0).evidence()::toString);
        }
    }

    @Test
    void oneGreetingPortKeepsTheHostUpAndTheRefusedPortAWarning() throws Exception {
        try (ScriptedSmtpServer plain = new ScriptedSmtpServer(ServerScript.wellBehaved("mail.half.test", null, false))) {
            CliRun run = CliRun.of("scan", "--resolve", "mail.half.test:127.0.0.1",
                    "mail.half.test:" + plain.port() + "/plain", "mail.half.test:" + closedPorts(1).get(0));
            assertTrue(run.out().contains("refused"), run::toString);
            assertTrue(!run.out().contains("NO_MAIL_PORT_REACHABLE") && !run.out().contains("No mail port"), run::toString);
        }
    }
}
