package io.smtpscope.cli;

import io.smtpscope.report.AtomicFiles;
import io.smtpscope.report.Json;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code --json[=FILE]} for commands that print a result: JSON instead of text, on stdout or into FILE. The
 * next word is never taken as FILE (see {@link JsonValue.AttachedFileOnly}): these commands' arguments are ids,
 * targets and report files, which {@code --json} must not swallow.
 */
public final class JsonFlag {
    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = JsonValue.STDOUT,
            preprocessor = JsonValue.AttachedFileOnly.class,
            description = {"Print JSON instead of text; --json=FILE writes it to FILE."})
    String json;

    boolean json() {
        return json != null;
    }

    /** Checked before any work: a file that cannot be written fails now, not after the command ran. */
    void check() {
        if (json != null && !JsonValue.STDOUT.equals(json)) {
            try {
                AtomicFiles.checkWritable(Path.of(json));
            } catch (IOException | InvalidPathException e) {
                throw new UserInputException("cannot write the JSON to " + json + ": " + AtomicFiles.describe(e));
            }
        }
    }

    /** Writes {@code value} as pretty JSON to stdout or to the file. */
    void write(Object value, PrintWriter out) {
        try {
            if (JsonValue.STDOUT.equals(json)) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            } else {
                AtomicFiles.write(Path.of(json), o -> Json.mapper().writerWithDefaultPrettyPrinter().writeValue(o, value));
            }
        } catch (IOException | InvalidPathException e) {
            throw new UserInputException("cannot write the JSON to " + json + ": " + AtomicFiles.describe(e));
        }
    }
}
