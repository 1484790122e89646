package io.smtpscope.finding;

import io.smtpscope.result.Finding;
import io.smtpscope.result.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the findings of one mail domain's checks (MTA-STS, TLS-RPT): every template may use {domain}; the
 * profile's severity overrides win over a check's own escalation, as for endpoints.
 */
public final class DomainFindings {
    private final FindingCatalogue catalogue;
    private final JudgePolicy policy;
    private final String domain;
    private final List<Finding> findings = new ArrayList<>();

    public DomainFindings(FindingCatalogue catalogue, JudgePolicy policy, String domain) {
        this.catalogue = catalogue;
        this.policy = policy;
        this.domain = domain;
    }

    public DomainFindings(String domain) {
        this(FindingCatalogue.bundled(), JudgePolicy.defaults(), domain);
    }

    public void emit(String id, Map<String, String> facts) {
        emit(id, facts, Optional.empty());
    }

    public void emit(String id, Map<String, String> facts, Optional<Severity> severity) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("domain", domain);
        all.putAll(facts);
        Optional<Severity> override = Optional.ofNullable(policy.severityOverrides().get(id)).or(() -> severity);
        findings.add(catalogue.make(id, all, override));
    }

    /**
     * A finding recorded by a domain check (MTA-STS, TLS-RPT, the MTA-STS history), weighed again under this
     * policy: its override, else the catalogue's severity. Exact because those checks never escalate a severity
     * themselves (only the MX evaluation does, and it is evaluated afresh at each judgement). Ids the catalogue does
     * not know (a report from another version) keep their recorded severity.
     */
    public Finding reweighed(Finding recorded) {
        Severity severity = Optional.ofNullable(policy.severityOverrides().get(recorded.id()))
                .or(() -> catalogue.entry(recorded.id()).map(FindingCatalogue.Entry::severity))
                .orElse(recorded.severity());
        return severity == recorded.severity() ? recorded : new Finding(recorded.id(), severity, recorded.title(),
                recorded.explanation(), recorded.remedy(), recorded.references());
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** A fresh collector for the same domain under the same catalogue and policy. */
    public DomainFindings fresh() {
        return new DomainFindings(catalogue, policy, domain);
    }
}
