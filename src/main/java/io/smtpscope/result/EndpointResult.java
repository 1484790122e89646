package io.smtpscope.result;

import io.smtpscope.target.Mode;
import io.smtpscope.target.MxOrigin;

import java.util.List;

/** Everything learnt about one host x address x port: observations, then the findings judged from them. */
public record EndpointResult(String target, String host, String address, int port, Mode mode,
                             Reachability reachability, SmtpResult smtp, TlsResult tls,
                             CertificateResult certificate, Timings timingsMs, ProbeError error,
                             List<String> transcript, List<Finding> findings, List<String> reproduce,
                             ReverseDns reverseDns, MxOrigin mx) {
    public EndpointResult {
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
        findings = findings == null ? List.of() : List.copyOf(findings);
        reproduce = reproduce == null ? List.of() : List.copyOf(reproduce);
    }

    /** Not found through MX: a host the user named. */
    public EndpointResult(String target, String host, String address, int port, Mode mode,
                          Reachability reachability, SmtpResult smtp, TlsResult tls,
                          CertificateResult certificate, Timings timingsMs, ProbeError error,
                          List<String> transcript, List<Finding> findings, List<String> reproduce,
                          ReverseDns reverseDns) {
        this(target, host, address, port, mode, reachability, smtp, tls, certificate, timingsMs, error, transcript,
                findings, reproduce, reverseDns, null);
    }

    /** Without reverse DNS (not checked). */
    public EndpointResult(String target, String host, String address, int port, Mode mode,
                          Reachability reachability, SmtpResult smtp, TlsResult tls,
                          CertificateResult certificate, Timings timingsMs, ProbeError error,
                          List<String> transcript, List<Finding> findings, List<String> reproduce) {
        this(target, host, address, port, mode, reachability, smtp, tls, certificate, timingsMs, error, transcript,
                findings, reproduce, null, null);
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
                timingsMs, error, transcript, judged, reproduce, reverseDns, mx);
    }

    public EndpointResult withTls(TlsResult newTls) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, newTls, certificate,
                timingsMs, error, transcript, findings, reproduce, reverseDns, mx);
    }

    /** {@code reproduce}: shell commands (openssl s_client, swaks) that repeat this probe by hand. */
    public EndpointResult withReproduce(List<String> commands) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, tls, certificate,
                timingsMs, error, transcript, findings, commands, reverseDns, mx);
    }

    /** {@code reverse_dns}: PTR names of the address; null when not checked. */
    public EndpointResult withReverseDns(ReverseDns lookedUp) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, tls, certificate,
                timingsMs, error, transcript, findings, reproduce, lookedUp, mx);
    }

    /** {@code mx}: the mail domain and MX record this endpoint was found through; null for a named host. */
    public EndpointResult withMx(MxOrigin origin) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, tls, certificate,
                timingsMs, error, transcript, findings, reproduce, reverseDns, origin);
    }
}
