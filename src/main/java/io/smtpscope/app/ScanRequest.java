package io.smtpscope.app;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.dns.MxAnswer;
import io.smtpscope.dns.MxLookup;
import io.smtpscope.dns.ValidatingDns;
import io.smtpscope.engine.Resolver;
import io.smtpscope.profile.Profile;
import io.smtpscope.smuggling.SmugglingRequest;
import io.smtpscope.target.Mode;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.Shard;
import io.smtpscope.target.TargetSpec;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Everything one scan run needs, gathered from the command line (or a test). {@code mxLookup} expands mail
 * domains ({@code mx:DOMAIN}); without one, a mail domain is reported as a DNS error, never looked up.
 * {@code allowPrivateMx}: MX hosts in private, loopback and link-local ranges are scanned too (otherwise they
 * are reported, not scanned). {@code smuggling}: the user's explicit opt-in to the SMTP smuggling check (recipient,
 * credentials), null without {@code --smuggling-check}: it never comes from a profile. {@code shard}: scan only this
 * slice of the targets ({@code scan --shard}); null scans them all. {@code domainDns}: the validating resolver that
 * gathers each mail domain's DNSSEC and DANE facts; without one (tests with scripted MX answers), the report has no
 * {@code domains}.
 */
public record ScanRequest(List<TargetSpec> specs, List<String> inputErrors, Profile profile, Optional<Mode> forcedMode,
                          ResolveOverrides overrides, TrustAnchors anchors, int concurrency, int perAddress,
                          boolean firstAddressOnly, Resolver resolver, Clock clock, MxLookup mxLookup,
                          boolean allowPrivateMx, SmugglingRequest smuggling, Shard shard, ValidatingDns domainDns) {
    public ScanRequest {
        specs = List.copyOf(specs);
        inputErrors = List.copyOf(inputErrors);
        if (mxLookup == null) {
            mxLookup = NO_MX_LOOKUP;
        }
    }

    private static final MxLookup NO_MX_LOOKUP = domain -> new MxAnswer.Failed("no MX resolver configured for " + domain);

    /** Without domain checks (no {@code domains} in the report). */
    public ScanRequest(List<TargetSpec> specs, List<String> inputErrors, Profile profile, Optional<Mode> forcedMode,
                       ResolveOverrides overrides, TrustAnchors anchors, int concurrency, int perAddress,
                       boolean firstAddressOnly, Resolver resolver, Clock clock, MxLookup mxLookup,
                       boolean allowPrivateMx, SmugglingRequest smuggling, Shard shard) {
        this(specs, inputErrors, profile, forcedMode, overrides, anchors, concurrency, perAddress, firstAddressOnly,
                resolver, clock, mxLookup, allowPrivateMx, smuggling, shard, null);
    }

    /** Every target, not a shard of them, without the opt-in SMTP smuggling check. */
    public ScanRequest(List<TargetSpec> specs, List<String> inputErrors, Profile profile, Optional<Mode> forcedMode,
                       ResolveOverrides overrides, TrustAnchors anchors, int concurrency, int perAddress,
                       boolean firstAddressOnly, Resolver resolver, Clock clock, MxLookup mxLookup, boolean allowPrivateMx) {
        this(specs, inputErrors, profile, forcedMode, overrides, anchors, concurrency, perAddress, firstAddressOnly,
                resolver, clock, mxLookup, allowPrivateMx, null, null);
    }

    /** The same request with the SMTP smuggling check opted into. */
    public ScanRequest withSmuggling(SmugglingRequest request) {
        return new ScanRequest(specs, inputErrors, profile, forcedMode, overrides, anchors, concurrency, perAddress,
                firstAddressOnly, resolver, clock, mxLookup, allowPrivateMx, request, shard, domainDns);
    }

    /** The same request for one slice of the targets ({@code null}: all of them). */
    public ScanRequest withShard(Shard slice) {
        return new ScanRequest(specs, inputErrors, profile, forcedMode, overrides, anchors, concurrency, perAddress,
                firstAddressOnly, resolver, clock, mxLookup, allowPrivateMx, smuggling, slice, domainDns);
    }

    /** MX hosts in private, loopback and link-local ranges are not scanned. */
    public ScanRequest(List<TargetSpec> specs, List<String> inputErrors, Profile profile, Optional<Mode> forcedMode,
                       ResolveOverrides overrides, TrustAnchors anchors, int concurrency, int perAddress,
                       boolean firstAddressOnly, Resolver resolver, Clock clock, MxLookup mxLookup) {
        this(specs, inputErrors, profile, forcedMode, overrides, anchors, concurrency, perAddress, firstAddressOnly,
                resolver, clock, mxLookup, false);
    }

    public ScanRequest(List<TargetSpec> specs, List<String> inputErrors, Profile profile, Optional<Mode> forcedMode,
                       ResolveOverrides overrides, TrustAnchors anchors, int concurrency, int perAddress,
                       boolean firstAddressOnly, Resolver resolver, Clock clock) {
        this(specs, inputErrors, profile, forcedMode, overrides, anchors, concurrency, perAddress, firstAddressOnly,
                resolver, clock, null, false);
    }

    public static ScanRequest of(List<TargetSpec> specs, Profile profile, ResolveOverrides overrides, TrustAnchors anchors) {
        return new ScanRequest(specs, List.of(), profile, Optional.empty(), overrides, anchors, 32, 2, false,
                Resolver.system(), Clock.systemUTC());
    }
}
