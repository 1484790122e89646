package io.smtpscope.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run builds only the subcommand its first argument names (start-up time); what it prints and returns must be
 * what the whole command tree gives.
 */
class LazyCommandTreeTest {
    private record Out(int exit, String out, String err) {
    }

    private static Out lazy(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Out(exit, out.toString(), err.toString());
    }

    private static Out whole(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Out(exit, out.toString(), err.toString());
    }

    @Test
    void eachCommandsHelpAndErrorsAreThoseOfTheWholeTree() {
        for (String command : SmtpscopeCommand.SUBCOMMANDS.keySet()) {
            assertEquals(whole(command, "--help"), lazy(command, "--help"), command);
        }
        assertEquals(whole("scan", "--no-such-option"), lazy("scan", "--no-such-option"));
        assertEquals(whole("explain", "535"), lazy("explain", "535"));
    }

    @Test
    void theRootsHelpVersionAndSuggestionsAreThoseOfTheWholeTree() {
        assertEquals(whole("--help"), lazy("--help"));
        assertEquals(whole("--version"), lazy("--version"));
        assertEquals(whole("help", "scan"), lazy("help", "scan"));
        Out typo = lazy("scna");
        assertEquals(whole("scna"), typo);
        assertTrue(typo.err().contains("smtpscope scan"), typo.err());
        assertEquals(whole(), lazy());
    }
}
