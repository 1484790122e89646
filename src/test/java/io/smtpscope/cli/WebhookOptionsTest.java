package io.smtpscope.cli;

import io.smtpscope.monitor.Webhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the webhook URL comes from, and that the token in it reaches no message. */
class WebhookOptionsTest {
    private static final String URL = "https://hooks.example.com/services/T0K3N?key=S3CR3T";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @AfterEach
    void restoreEnvironment() {
        WebhookOptions.environment = System::getenv;
    }

    private Optional<Webhook> resolve(Path file, String url, String env) {
        WebhookOptions options = new WebhookOptions();
        options.file = file;
        options.url = url;
        WebhookOptions.environment = name -> name.equals(WebhookOptions.ENV) ? env : null;
        return options.webhook(new PrintWriter(err, true));
    }

    @Test
    void fromAFileWithoutAWarning() throws Exception {
        Path file = Files.writeString(dir.resolve("url"), URL + "\n");
        assertEquals(URI.create(URL), resolve(file, null, null).orElseThrow().url());
        assertEquals("", err.toString());
    }

    @Test
    void fromTheEnvironmentWithoutAWarning() {
        assertEquals(URI.create(URL), resolve(null, null, URL).orElseThrow().url());
        assertEquals("", err.toString());
        assertTrue(resolve(null, null, null).isEmpty());
    }

    @Test
    void onTheCommandLineWithAWarningThatDoesNotRepeatIt() {
        assertEquals(URI.create(URL), resolve(null, URL, null).orElseThrow().url());
        assertTrue(err.toString().contains("--webhook shows the URL, and the token in it, to every user of this machine (ps)"), err.toString());
        assertFalse(err.toString().contains("T0K3N"), err.toString());
    }

    @Test
    void anOptionWinsOverTheEnvironmentButTwoOptionsAreAMistake() throws Exception {
        Path file = Files.writeString(dir.resolve("url"), URL);
        assertEquals(URI.create(URL), resolve(file, null, "https://other.example.com/x").orElseThrow().url());
        UserInputException both = assertThrows(UserInputException.class, () -> resolve(file, URL, null));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void aBadUrlIsExplainedWithoutTheUrl() throws Exception {
        Path file = Files.writeString(dir.resolve("url"), "https://hooks.example.com/T0K3N with a space\n");
        UserInputException inFile = assertThrows(UserInputException.class, () -> resolve(file, null, null));
        assertTrue(inFile.getMessage().startsWith("--webhook-file " + file + ": not a valid URL (Illegal character in path at character 32)"),
                inFile.getMessage());
        UserInputException inEnv = assertThrows(UserInputException.class, () -> resolve(null, null, "ftp://hooks.example.com/T0K3N"));
        assertEquals(WebhookOptions.ENV + ": webhook URL must be http:// or https:// with a host (got a ftp: URL)", inEnv.getMessage());
        UserInputException empty = assertThrows(UserInputException.class,
                () -> resolve(Files.writeString(dir.resolve("empty"), "\n"), null, null));
        assertTrue(empty.getMessage().endsWith(" is empty"), empty.getMessage());
        for (UserInputException e : new UserInputException[]{inFile, inEnv}) {
            assertFalse(e.getMessage().contains("T0K3N"), e.getMessage());
        }
    }
}
