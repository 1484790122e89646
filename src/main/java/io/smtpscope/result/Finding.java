package io.smtpscope.result;

import java.util.List;

/** A judgement of observed facts: a catalogue entry filled in with what this endpoint showed. */
public record Finding(String id, Severity severity, String title, String explanation, String remedy,
                      List<String> references) {
    public Finding {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
