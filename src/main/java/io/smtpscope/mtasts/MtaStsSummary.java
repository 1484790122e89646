package io.smtpscope.mtasts;

import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.MtaStsMode;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.MxCoverage;
import io.smtpscope.result.TxtStatus;

/**
 * MTA-STS in the plain words of a domain's verdict ("MTA-STS enforce, all 2 MX hosts covered"): what a sender
 * supporting MTA-STS does for this domain, never more than the facts in the result say.
 */
public final class MtaStsSummary {
    private MtaStsSummary() {
    }

    public static String of(MtaStsResult r) {
        if (r.dnsStatus() == TxtStatus.FAILED) {
            return "MTA-STS unknown (the _mta-sts lookup failed)";
        }
        if (r.id() == null) {
            return r.records().isEmpty() ? "no MTA-STS" : "no MTA-STS (the _mta-sts record is not valid)";
        }
        if (r.fetch() == null || r.fetch().status() != HttpsFetchStatus.OK) {
            return "MTA-STS announced, but its policy could not be fetched ("
                    + (r.fetch() == null ? "not fetched" : r.fetch().status().label().replace('_', ' ')) + ")";
        }
        MtaStsMode mode = r.policy() == null ? null : r.policy().mode();
        if (mode == null) {
            return "MTA-STS policy not valid (no mode)";
        }
        String words = "MTA-STS " + mode.label();
        if (mode == MtaStsMode.NONE || r.mxCoverage().isEmpty()) {
            return words;
        }
        long covered = r.mxCoverage().stream().filter(c -> c.matchedPattern() != null).count();
        long invalid = r.mxCoverage().stream().map(MxCoverage::certificateValid).filter(Boolean.FALSE::equals).count();
        int total = r.mxCoverage().size();
        String coverage = covered == total ? "all " + total + " MX host" + (total == 1 ? "" : "s") + " covered"
                : covered + " of " + total + " MX hosts covered";
        return words + ", " + coverage + (invalid > 0 ? ", " + invalid + " with an invalid certificate" : "");
    }
}
