package io.smtpscope.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each key of a YAML profile is written (dotted path such as {@code severity.CERT_EXPIRED} to line
 * number), so that errors found after parsing (unknown finding id, bad duration) still name the line.
 */
final class KeyLines {
    private static final YAMLFactory YAML = new YAMLFactory();
    /** A profile is a few dozen lines; a hostile file must not make the index unbounded. */
    private static final int MAX_KEYS = 10_000;

    private final Map<String, Integer> lines;

    private KeyLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static KeyLines of(byte[] content) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(content)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                walk(parser, "", lines);
            }
        } catch (IOException | RuntimeException e) {
            // The document was already parsed once; an index we cannot build only loses line numbers.
        }
        return new KeyLines(lines);
    }

    private static void walk(JsonParser parser, String prefix, Map<String, Integer> lines) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME && lines.size() < MAX_KEYS) {
            String key = prefix + parser.currentName();
            lines.put(key, parser.currentTokenLocation().getLineNr());
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                walk(parser, key + ".", lines);
            } else if (value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            }
        }
    }

    Optional<Integer> line(String key) {
        return Optional.ofNullable(lines.get(key));
    }

    /** {@code label:line: key: } or {@code label: key: } when the line is unknown. */
    String where(String label, String key) {
        return label + line(key).map(n -> ":" + n).orElse("") + ": " + key + ": ";
    }
}
