package io.smtpscope.cli;

import io.smtpscope.report.ConsoleStyle;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Colour on a terminal only, NO_COLOR honoured, an explicit --color wins. */
class ColorChoiceTest {
    @Test
    void autoColoursATerminalUnlessNoColorOrDumb() {
        assertEquals(ConsoleStyle.COLOUR, ColorChoice.AUTO.style(Map.of(), true));
        assertEquals(ConsoleStyle.PLAIN, ColorChoice.AUTO.style(Map.of(), false), "piped: no colour");
        assertEquals(ConsoleStyle.PLAIN, ColorChoice.AUTO.style(Map.of("NO_COLOR", "1"), true));
        assertEquals(ConsoleStyle.COLOUR, ColorChoice.AUTO.style(Map.of("NO_COLOR", ""), true), "an empty NO_COLOR is unset");
        assertEquals(ConsoleStyle.PLAIN, ColorChoice.AUTO.style(Map.of("TERM", "dumb"), true));
    }

    @Test
    void alwaysAndNeverAreTheUsersWord() {
        assertEquals(ConsoleStyle.COLOUR, ColorChoice.ALWAYS.style(Map.of("NO_COLOR", "1"), false));
        assertEquals(ConsoleStyle.PLAIN, ColorChoice.NEVER.style(Map.of(), true));
    }

    @Test
    void theCliAppliesItAndRejectsOtherValues() {
        CliRun coloured = CliRun.of("demo", "--color", "always", "--json", "/dev/null");
        assertTrue(coloured.out().contains("\u001b[1;31mFAIL"), coloured::toString);
        CliRun piped = CliRun.of("demo", "--json", "/dev/null");
        assertTrue(!piped.out().contains("\u001b[") && piped.out().contains("why: ") && piped.out().contains("fix: "), piped::toString);
        CliRun bad = CliRun.of("demo", "--color", "sometimes");
        assertEquals(ExitCodes.USAGE, bad.exit());
        assertTrue(bad.err().contains("is not one of auto, always, never"), bad::toString);
    }
}
