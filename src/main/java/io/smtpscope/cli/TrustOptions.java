package io.smtpscope.cli;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.target.ResolveOverrides;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where to connect for a name and which roots to trust: shared by every command that opens connections. */
public final class TrustOptions {
    @Option(names = "--resolve", paramLabel = "NAME:ADDRESS", description = "Connect to ADDRESS for NAME (like curl); the certificate is checked against NAME. Repeatable.")
    List<String> resolve = new ArrayList<>();

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust the CA certificates in this PEM file.")
    Path caFile;

    @Option(names = "--ca-only", description = "Trust only --ca-file, not the JDK trust store.")
    boolean caOnly;

    ResolveOverrides overrides() {
        try {
            return ResolveOverrides.parse(resolve);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    TrustAnchors anchors() {
        if (caFile == null) {
            if (caOnly) {
                throw new UserInputException("--ca-only needs --ca-file");
            }
            return TrustAnchors.jdkDefault();
        }
        try {
            return TrustAnchors.withFile(caFile, caOnly);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
