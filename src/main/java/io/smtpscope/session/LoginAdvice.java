package io.smtpscope.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smtpscope.resource.BundledYaml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plain explanations, likely causes and next steps for login results, from {@code login-advice.yaml}. */
public final class LoginAdvice {
    /** {@code tryNext} is {@code try:} in the file ({@code try} is a Java keyword). */
    public record Entry(String explanation, List<String> causes, @JsonProperty("try") List<String> tryNext) {
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
        return new LoginAdvice(BundledYaml.read(LoginAdvice.class, "login-advice.yaml",
                new TypeReference<Map<String, Entry>>() {
                }));
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
