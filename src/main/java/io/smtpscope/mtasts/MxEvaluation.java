package io.smtpscope.mtasts;

import io.smtpscope.finding.DomainFindings;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.MtaStsMode;
import io.smtpscope.result.MtaStsPolicy;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.MxCoverage;
import io.smtpscope.result.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The domain's MX hosts under its MTA-STS policy (RFC 8461 sections 4 and 5): each must match an {@code mx}
 * pattern and present, over STARTTLS, a certificate valid for its name under the WebPKI. Under {@code enforce} a
 * failure means senders will not deliver to that host; under {@code testing} they deliver and report; under
 * {@code none} nothing is checked by senders, so nothing is reported here.
 */
public final class MxEvaluation {
    /** One MX host and whether its STARTTLS certificate was valid for its name (null: not known). */
    public record MxHost(String host, Boolean certificateValid) {
        /**
         * From a scanned endpoint's certificate: valid means what an MTA-STS sender checks (a trusted path, the
         * MX name matched, in its validity period). Null: no certificate was seen, or its name was checked
         * against another name than the MX host's (then the name verdict says nothing about this host).
         */
        public static MxHost of(String host, CertificateResult certificate) {
            if (certificate == null || certificate.chain().isEmpty()) {
                return new MxHost(host, null);
            }
            if (certificate.nameChecked() == null || !bare(certificate.nameChecked()).equals(bare(host))) {
                return new MxHost(host, certificate.trusted() ? null : Boolean.FALSE);
            }
            return new MxHost(host, certificate.trusted() && certificate.nameMatches() && !certificate.expired()
                    && !certificate.notYetValid());
        }
    }

    private MxEvaluation() {
    }

    private static String bare(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /**
     * {@code result} with its MX coverage and findings; unchanged when no policy was fetched. Several entries for
     * one host (one per address) merge: one invalid certificate makes the host invalid.
     * {@code findings} gives the catalogue, profile and domain (a fresh collector is used).
     */
    public static MtaStsResult evaluate(MtaStsResult result, List<MxHost> mxHosts, DomainFindings findings) {
        MtaStsPolicy policy = result.policy();
        if (policy == null || result.fetch() == null || result.fetch().status() != HttpsFetchStatus.OK) {
            return result;
        }
        DomainFindings out = findings.fresh();
        Map<String, Boolean> hosts = merge(mxHosts);
        List<MxCoverage> coverage = new ArrayList<>();
        MtaStsMode mode = policy.mode();
        boolean judged = mode == MtaStsMode.ENFORCE || mode == MtaStsMode.TESTING;
        Optional<Severity> severity = mode == MtaStsMode.TESTING ? Optional.of(Severity.WARN) : Optional.empty();
        String consequence = mode == MtaStsMode.ENFORCE
                ? "senders that apply MTA-STS will not deliver mail to this host."
                : "senders deliver anyway and report the failure to the domain's TLS-RPT address.";
        for (Map.Entry<String, Boolean> mx : hosts.entrySet()) {
            String pattern = policy.mx().stream().filter(p -> MxPattern.matches(p, mx.getKey())).findFirst().orElse(null);
            coverage.add(new MxCoverage(mx.getKey(), pattern, mx.getValue()));
            if (!judged) {
                continue;
            }
            Map<String, String> facts = Map.of("mx_host", mx.getKey(), "mode", mode.label(), "consequence", consequence,
                    "patterns", policy.mx().isEmpty() ? "none" : String.join(", ", policy.mx()));
            if (pattern == null) {
                out.emit("MTA_STS_MX_NOT_COVERED", facts, severity);
            }
            if (Boolean.FALSE.equals(mx.getValue())) {
                out.emit("MTA_STS_MX_CERT_INVALID", facts, severity);
            }
        }
        return result.withMxCoverage(coverage, out.findings());
    }

    private static Map<String, Boolean> merge(List<MxHost> mxHosts) {
        Map<String, Boolean> hosts = new LinkedHashMap<>();
        for (MxHost mx : mxHosts) {
            String name = bare(mx.host());
            Boolean before = hosts.get(name);
            Boolean now = mx.certificateValid();
            if (!hosts.containsKey(name) || before == null) {
                hosts.put(name, now);
            } else if (Boolean.FALSE.equals(now)) {
                hosts.put(name, Boolean.FALSE); // one address with an invalid certificate fails the host
            }
        }
        return hosts;
    }
}
