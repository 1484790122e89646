package io.smtpscope.diff;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.smtpscope.result.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One difference between two runs of the same endpoint. In JSON, {@code kind} names the variant. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(Change.EndpointAppeared.class),
        @JsonSubTypes.Type(Change.EndpointDisappeared.class),
        @JsonSubTypes.Type(Change.AddressChanged.class),
        @JsonSubTypes.Type(Change.ReachabilityChanged.class),
        @JsonSubTypes.Type(Change.FindingAppeared.class),
        @JsonSubTypes.Type(Change.FindingDisappeared.class),
        @JsonSubTypes.Type(Change.FindingSeverityChanged.class),
        @JsonSubTypes.Type(Change.CertificateReplaced.class),
        @JsonSubTypes.Type(Change.TlsVersionChanged.class),
        @JsonSubTypes.Type(Change.ProtocolSetChanged.class),
        @JsonSubTypes.Type(Change.CipherSuitesChanged.class),
        @JsonSubTypes.Type(Change.BannerChanged.class)})
public sealed interface Change {

    /** Present in the new run only. */
    @JsonTypeName("endpoint-appeared")
    record EndpointAppeared() implements Change {
    }

    /** Present in the old run only. */
    @JsonTypeName("endpoint-disappeared")
    record EndpointDisappeared() implements Change {
    }

    /** The same host, port and mode answered at another address (a DNS move); other changes follow it. */
    @JsonTypeName("address-changed")
    record AddressChanged(String old, String current) implements Change {
    }

    @JsonTypeName("reachability-changed")
    record ReachabilityChanged(String old, String current) implements Change {
    }

    @JsonTypeName("finding-appeared")
    record FindingAppeared(String id, Severity severity, String title) implements Change {
    }

    @JsonTypeName("finding-disappeared")
    record FindingDisappeared(String id, Severity severity, String title) implements Change {
    }

    /** The same finding judged more or less severe (e.g. CERT_EXPIRES_SOON crossing the fail threshold). */
    @JsonTypeName("finding-severity-changed")
    record FindingSeverityChanged(String id, Severity old, Severity current) implements Change {
    }

    /** The leaf certificate's SHA-256 fingerprint changed. */
    @JsonTypeName("certificate-replaced")
    record CertificateReplaced(String oldSha256, Instant oldNotAfter, String newSha256, Instant newNotAfter)
            implements Change {
    }

    /** The negotiated TLS version changed, or TLS came or went (null = no TLS session). */
    @JsonTypeName("tls-version-changed")
    record TlsVersionChanged(String old, String current) implements Change {
    }

    /** Protocol versions accepted by enumeration (compared only when both runs enumerated). */
    @JsonTypeName("protocol-set-changed")
    record ProtocolSetChanged(List<String> added, List<String> removed) implements Change {
    }

    /** Per protocol version, cipher suites accepted now and not before, and the reverse. */
    @JsonTypeName("cipher-suites-changed")
    record CipherSuitesChanged(Map<String, List<String>> added, Map<String, List<String>> removed) implements Change {
    }

    @JsonTypeName("banner-changed")
    record BannerChanged(String old, String current) implements Change {
    }
}
