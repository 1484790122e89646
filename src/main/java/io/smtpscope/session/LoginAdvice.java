package io.smtpscope.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plain explanations, likely causes and next steps for login results, from {@code login-advice.yaml}. */
public final class LoginAdvice {
    public record Entry(String explanation, List<String> causes, List<String> tryNext) {
        public Entry {
            causes = causes == null ? List.of() : List.copyOf(causes);
            tryNext = tryNext == null ? List.of() : List.copyOf(tryNext);
        }
    }

    private static final LoginAdvice INSTANCE = load();
    private final Map<String, Entry> entries;

    private LoginAdvice(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static LoginAdvice get() {
        return INSTANCE;
    }

    private static LoginAdvice load() {
        try (InputStream in = LoginAdvice.class.getResourceAsStream("login-advice.yaml")) {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            Map<String, Map<String, Object>> raw = yaml.readValue(in,
                    yaml.getTypeFactory().constructMapType(Map.class, yaml.getTypeFactory().constructType(String.class),
                            yaml.getTypeFactory().constructMapType(Map.class, String.class, Object.class)));
            Map<String, Entry> entries = new java.util.HashMap<>();
            raw.forEach((key, value) -> entries.put(key, new Entry((String) value.get("explanation"),
                    strings(value.get("causes")), strings(value.get("try")))));
            return new LoginAdvice(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled login-advice.yaml", e);
        }
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** Most specific first: "535 5.7.8", then "535". */
    public Optional<Entry> forReply(int code, String enhanced) {
        if (enhanced != null && entries.containsKey(code + " " + enhanced)) {
            return Optional.of(entries.get(code + " " + enhanced));
        }
        return Optional.ofNullable(entries.get(Integer.toString(code)));
    }

    public Optional<Entry> forStatus(String status) {
        return Optional.ofNullable(entries.get(status));
    }
}
