package io.smtpscope.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret read from the first line of a file (a password, a token, a webhook URL): the way to give a secret that
 * neither {@code ps} nor the shell history shows. Errors name the option and the file, never the content.
 */
final class SecretFile {
    /** Secrets are one line; a bigger file is a mistake, not a secret. */
    static final long MAX_BYTES = 64 * 1024;

    private SecretFile() {
    }

    static String firstLine(Path file, String option) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new UserInputException(option + " " + file + " does not exist or is not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new UserInputException(option + " " + file + " is too large to hold a secret");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end));
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (line.isEmpty()) {
                throw new UserInputException(option + " " + file + " is empty");
            }
            return line;
        } catch (MalformedInputException e) {
            throw new UserInputException(option + " " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + option + " " + file + ": " + e.getMessage());
        }
    }
}
