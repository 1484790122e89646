package io.smtpscope.cli;

import io.smtpscope.demo.ScriptedSmtpServer;
import io.smtpscope.demo.ServerScript;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** send-test labels a step ok only on the reply the protocol expects, and explains a reply as an answer to its command. */
class SendTestRepliesTest {
    private static List<String> stepLines(String out, String command) {
        return out.lines().filter(l -> l.contains(command + " -> ")).toList();
    }

    @Test
    void rejectedRecipientsAreFailuresExplainedAsRecipientRejections() throws Exception {
        ServerScript script = ServerScript.wellBehaved("mail.rejecting.test", null, false).withResponder(line -> {
            if (line.startsWith("RCPT TO:<nobody@")) {
                return "550 5.1.1 <nobody@rejecting.test>: Recipient address rejected: User unknown";
            }
            if (line.startsWith("RCPT TO:<relay@")) {
                return "554 5.7.1 <relay@elsewhere.test>: Relay access denied";
            }
            if (line.startsWith("MAIL FROM:") || line.equals("RSET")) {
                return "250 2.0.0 Ok";
            }
            return null;
        });
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(script)) {
            CliRun run = CliRun.of("send-test", "127.0.0.1:" + server.port() + "/plain", "--allow-plaintext", "--from", "me@rejecting.test",
                    "--to", "nobody@rejecting.test", "--to", "relay@elsewhere.test");
            assertEquals(ExitCodes.FINDINGS, run.exit(), run::toString);
            assertEquals(1, stepLines(run.out(), "RCPT TO:<nobody@rejecting.test>").size(), run::toString);
            String unknown = stepLines(run.out(), "RCPT TO:<nobody@rejecting.test>").get(0);
            String relay = stepLines(run.out(), "RCPT TO:<relay@elsewhere.test>").get(0);
            assertTrue(unknown.startsWith("FAIL"), "a 550 to RCPT is a rejection, not ok: " + unknown);
            assertTrue(relay.startsWith("FAIL"), "a 554 to RCPT is a rejection, not ok: " + relay);
            assertTrue(run.out().contains("refused this recipient or the whole transaction"), run::toString);
            assertFalse(run.out().contains("as a greeting"), "a 554 to RCPT is not explained as a greeting: " + run.out());
            assertTrue(stepLines(run.out(), "MAIL FROM:<me@rejecting.test>").get(0).startsWith("ok"), run::toString);
            assertTrue(run.out().contains("Result: NOT SENT"), run::toString);
        }
    }
}
