package io.smtpscope.result;

import io.smtpscope.target.Mode;

import java.util.List;

/** Everything learnt about one host x address x port: observations, then the findings judged from them. */
public record EndpointResult(String target, String host, String address, int port, Mode mode,
                             Reachability reachability, SmtpResult smtp, TlsResult tls,
                             CertificateResult certificate, Timings timingsMs, ProbeError error,
                             List<String> transcript, List<Finding> findings, List<String> reproduce,
                             ReverseDns reverseDns) {
    public EndpointResult {
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
        findings = findings == null ? List.of() : List.copyOf(findings);
        reproduce = reproduce == null ? List.of() : List.copyOf(reproduce);
    }

    /** Without reverse DNS (not checked). */
    public EndpointResult(String target, String host, String address, int port, Mode mode,
                          Reachability reachability, SmtpResult smtp, TlsResult tls,
                          CertificateResult certificate, Timings timingsMs, ProbeError error,
                          List<String> transcript, List<Finding> findings, List<String> reproduce) {
        this(target, host, address, port, mode, reachability, smtp, tls, certificate, timingsMs, error, transcript,
                findings, reproduce, null);
    }

    /** Observations without judgement yet, and no reproduction hints. */
    public static EndpointResult observed(String target, String host, String address, int port, Mode mode,
                                          Reachability reachability, SmtpResult smtp, TlsResult tls,
                                          CertificateResult certificate, Timings timingsMs, ProbeError error,
                                          List<String> transcript) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, tls, certificate, timingsMs,
                error, transcript, List.of(), List.of());
    }

    public EndpointResult withFindings(List<Finding> judged) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, tls, certificate,
                timingsMs, error, transcript, judged, reproduce, reverseDns);
    }

    public EndpointResult withTls(TlsResult newTls) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, newTls, certificate,
                timingsMs, error, transcript, findings, reproduce, reverseDns);
    }

    /** {@code reproduce}: shell commands (openssl s_client, swaks) that repeat this probe by hand. */
    public EndpointResult withReproduce(List<String> commands) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, tls, certificate,
                timingsMs, error, transcript, findings, commands, reverseDns);
    }

    /** {@code reverse_dns}: PTR names of the address; null when not checked. */
    public EndpointResult withReverseDns(ReverseDns lookedUp) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, tls, certificate,
                timingsMs, error, transcript, findings, reproduce, lookedUp);
    }
}
