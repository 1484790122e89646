package io.smtpscope.finding;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the findings of one endpoint, adding the facts every template may use ({endpoint}, {address},
 * {port}, {mode}) and applying the profile's severity overrides, which win over a rule's own escalation.
 */
final class Emitter {
    private final FindingCatalogue catalogue;
    private final JudgePolicy policy;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, String> common = new LinkedHashMap<>();

    Emitter(FindingCatalogue catalogue, JudgePolicy policy, EndpointResult e) {
        this.catalogue = catalogue;
        this.policy = policy;
        String host = e.host() != null && e.host().contains(":") ? "[" + e.host() + "]" : e.host();
        common.put("endpoint", host + ":" + e.port());
        common.put("address", e.address() != null ? e.address() : e.host());
        common.put("port", Integer.toString(e.port()));
        common.put("mode", e.mode().label());
    }

    /** For findings about something other than one endpoint (a mail domain): {@code common} are the facts every template may use. */
    Emitter(FindingCatalogue catalogue, JudgePolicy policy, Map<String, String> common) {
        this.catalogue = catalogue;
        this.policy = policy;
        this.common.putAll(common);
    }

    void emit(String id, Map<String, String> facts) {
        emit(id, facts, Optional.empty());
    }

    void emit(String id, Map<String, String> facts, Optional<Severity> severity) {
        Map<String, String> all = new LinkedHashMap<>(common);
        all.putAll(facts);
        Optional<Severity> override = Optional.ofNullable(policy.severityOverrides().get(id)).or(() -> severity);
        findings.add(catalogue.make(id, all, override));
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }
}
