package io.smtpscope.engine;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.profile.Profile;
import io.smtpscope.target.Mode;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetSpec;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Everything one scan run needs, gathered from the command line (or a test). */
public record ScanRequest(List<TargetSpec> specs, List<String> inputErrors, Profile profile, Optional<Mode> forcedMode,
                          ResolveOverrides overrides, TrustAnchors anchors, int concurrency, int perAddress,
                          boolean firstAddressOnly, Resolver resolver, Clock clock) {
    public ScanRequest {
        specs = List.copyOf(specs);
        inputErrors = List.copyOf(inputErrors);
    }

    public static ScanRequest of(List<TargetSpec> specs, Profile profile, ResolveOverrides overrides, TrustAnchors anchors) {
        return new ScanRequest(specs, List.of(), profile, Optional.empty(), overrides, anchors, 32, 2, false,
                Resolver.system(), Clock.systemUTC());
    }
}
