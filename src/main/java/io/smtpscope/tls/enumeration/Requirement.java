package io.smtpscope.tls.enumeration;

/**
 * A precondition of an {@link Enumeration}, checked against what the run knows so far (TLS-Scanner's
 * requirements). It holds, will not hold in this run (with the reason that goes into the skip), or cannot
 * tell yet because the dimension it looks at has not run.
 */
@FunctionalInterface
interface Requirement {
    Status check(EnumerationContext context);

    sealed interface Status {
        record Met() implements Status {
        }

        /** Will not hold in this run: the enumeration is skipped for {@code reason}. */
        record Unmet(String reason) implements Status {
        }

        /** Not known until {@code dimension} has run (or been skipped). */
        record Waiting(String dimension) implements Status {
        }
    }

    Status MET = new Status.Met();

    /** The profile asked for at least this depth. */
    static Requirement depth(EnumerationDepth needed) {
        return context -> context.depth().compareTo(needed) >= 0 ? MET
                : new Status.Unmet(context.depth() == EnumerationDepth.PROTOCOLS ? "depth is versions-only"
                : "depth is " + context.depth().label());
    }

    /** {@code dimension} has run or been skipped: what it found, if anything, is in the context. */
    static Requirement after(String dimension) {
        return context -> context.settled(dimension) ? MET : new Status.Waiting(dimension);
    }

    /** The version hellos found {@code v} accepted. */
    static Requirement accepted(TlsVersion v) {
        return context -> {
            if (!context.settled(VersionEnumeration.DIMENSION)) {
                return new Status.Waiting(VersionEnumeration.DIMENSION);
            }
            Boolean accepted = context.versions() == null ? null : context.versions().accepted().get(v);
            if (Boolean.TRUE.equals(accepted)) {
                return MET;
            }
            return new Status.Unmet(v.label() + (accepted == null ? " could not be tested" : " not accepted"));
        };
    }
}
