package io.smtpscope.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a target list: one target per line, blank lines and {@code #} comments ignored.
 * A bad line is reported with its line number and skipped; it never stops the others.
 */
public final class TargetListReader {
    /** Lines longer than this are not host names; refuse them before parsing. */
    static final int MAX_LINE_CHARS = 1024;

    private TargetListReader() {
    }

    public record InputError(String source, int line, String message) {
        @Override
        public String toString() {
            return source + ":" + line + ": " + message;
        }
    }

    public record Result(List<TargetSpec> targets, List<InputError> errors) {
    }

    public static Result read(Reader reader, String sourceName) throws IOException {
        List<TargetSpec> targets = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            if (content.length() > MAX_LINE_CHARS) {
                errors.add(new InputError(sourceName, number, "line longer than " + MAX_LINE_CHARS + " characters"));
                continue;
            }
            try {
                targets.add(TargetParser.parse(content));
            } catch (IllegalArgumentException e) {
                errors.add(new InputError(sourceName, number, e.getMessage()));
            }
        }
        return new Result(targets, errors);
    }
}
