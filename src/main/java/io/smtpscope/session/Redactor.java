package io.smtpscope.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The last line of defence for secrets: every string that leaves a login or send-test run passes
 * through here, so even a server that echoes the password back in a reply cannot make us print it.
 */
public final class Redactor {
    public static final String MASK = "***";
    private final List<String> forms;

    public Redactor(List<String> secretForms) {
        List<String> sorted = new ArrayList<>(secretForms.stream().filter(s -> s != null && !s.isEmpty()).toList());
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: a form may contain another
        this.forms = List.copyOf(sorted);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String form : forms) {
            out = out.replace(form, MASK);
        }
        return out;
    }

    public List<String> apply(List<String> lines) {
        return lines == null ? null : lines.stream().map(this::apply).toList();
    }
}
