package io.smtpscope.finding;

import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;

import java.util.List;

/**
 * Turns the observations of one endpoint into findings. Pure: the same observations and policy always give
 * the same findings, so a saved report can be judged again under another profile without rescanning.
 * Each area has its own small rule class; they share one {@link Emitter}.
 */
public final class FindingRules {
    private final FindingCatalogue catalogue;
    private final JudgePolicy policy;

    public FindingRules(FindingCatalogue catalogue, JudgePolicy policy) {
        this.catalogue = catalogue;
        this.policy = policy;
    }

    /** The findings the observations of {@code e} call for under the policy; {@code e}'s own findings are ignored. */
    public List<Finding> findings(EndpointResult e) {
        Emitter out = new Emitter(catalogue, policy, e);
        MxRules.apply(e, out);
        FanOutRules.apply(e, out);
        ConnectivityRules.apply(e, policy, out);
        if (e.smtp() != null) {
            SmtpRules.apply(e, e.smtp(), out);
            StartTlsRules.apply(e, e.smtp(), out);
            AuthRules.apply(e, e.smtp(), out);
        }
        NameRules.apply(e, out);
        if (e.certificate() != null) {
            CertificateRules.apply(e.certificate(), policy, out);
        }
        NegotiatedTlsRules.apply(e, policy, out);
        TlsRules.findings(e, out::emit);
        VulnerabilityRules.apply(e, catalogue, out);
        DaneRules.apply(e, out);
        return out.findings();
    }
}
