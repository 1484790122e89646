package io.smtpscope.cli;

import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;
import java.util.Stack;

/**
 * One meaning of {@code --json} on every command: JSON to stdout when it stands alone or is {@code --json -},
 * to a file with {@code --json=FILE}. The two preprocessors differ only in whether a FILE may also follow as a
 * separate word: commands whose {@code --json} always took a file keep that spelling; commands where it was a
 * flag never take the next word, so {@code explain --json 535} and {@code diff --json OLD NEW} keep their meaning.
 */
final class JsonValue {
    /** The value that means standard output. */
    static final String STDOUT = "-";

    private JsonValue() {
    }

    /** {@code --json}, {@code --json -} or {@code --json=FILE}; a following word is never taken as the file. */
    static final class AttachedFileOnly implements IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
            if (!attached(info) && (args.isEmpty() || !STDOUT.equals(args.peek()))) {
                args.push(STDOUT);
            }
            return false;
        }
    }

    /** As above, and {@code --json FILE}: the next word is the file unless it is an option (or there is none). */
    static final class FileOrStdout implements IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
            if (!attached(info) && (args.isEmpty() || isOption(args.peek()))) {
                args.push(STDOUT);
            }
            return false;
        }

        private static boolean isOption(String word) {
            return word.length() > 1 && word.startsWith("-");
        }
    }

    private static boolean attached(Map<String, Object> info) {
        return "=".equals(info.get("separator"));
    }
}
