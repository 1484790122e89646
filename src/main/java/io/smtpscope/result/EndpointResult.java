package io.smtpscope.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smtpscope.target.Endpoint;
import io.smtpscope.target.FanOut;
import io.smtpscope.target.Mode;
import io.smtpscope.target.MxOrigin;
import io.smtpscope.target.Target;

import java.util.List;

/**
 * One endpoint (host x address x port) as the report shows it: what was observed, assembled once by
 * {@link #observed} (or {@link #unprobed} when there was nothing to connect to), and beside it the
 * {@code findings}, which a {@code Judge} attaches with {@link #withFindings} — and can replace, under another
 * profile, without rescanning. {@code reproduce}: shell commands (openssl s_client, swaks) that repeat the probe
 * by hand; {@code reverse_dns}: PTR names of the address, null when not checked; {@code mx}: the mail domain and
 * MX record the endpoint was found through, null for a host the user named; {@code fan_out}: the MX hosts and
 * addresses planning left unscanned around this endpoint (profile {@code fan_out} limits), left out when none;
 * {@code vulnerabilities}: the vulnerability checks the profile ran, each vulnerable / not_vulnerable /
 * not_tested with its evidence, left out when none ran; {@code dane}: the TLSA records that apply to this MX
 * endpoint and which matched its chain, left out for endpoints not reached through MX.
 */
public record EndpointResult(String target, String host, String address, int port, Mode mode,
                             Reachability reachability, SmtpResult smtp, TlsResult tls,
                             CertificateResult certificate, Timings timingsMs, ProbeError error,
                             List<String> transcript, List<Finding> findings, List<String> reproduce,
                             ReverseDns reverseDns, MxOrigin mx, @JsonInclude(JsonInclude.Include.NON_NULL) FanOut fanOut,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VulnerabilityResult> vulnerabilities,
                             @JsonInclude(JsonInclude.Include.NON_NULL) EndpointDane dane) {
    public EndpointResult {
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
        findings = findings == null ? List.of() : List.copyOf(findings);
        reproduce = reproduce == null ? List.of() : List.copyOf(reproduce);
        vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
    }

    /** An endpoint without DANE facts. */
    public EndpointResult(String target, String host, String address, int port, Mode mode,
                          Reachability reachability, SmtpResult smtp, TlsResult tls,
                          CertificateResult certificate, Timings timingsMs, ProbeError error,
                          List<String> transcript, List<Finding> findings, List<String> reproduce,
                          ReverseDns reverseDns, MxOrigin mx, FanOut fanOut, List<VulnerabilityResult> vulnerabilities) {
        this(target, host, address, port, mode, reachability, smtp, tls, certificate, timingsMs, error, transcript,
                findings, reproduce, reverseDns, mx, fanOut, vulnerabilities, null);
    }

    /** An endpoint no vulnerability check ran on. */
    public EndpointResult(String target, String host, String address, int port, Mode mode,
                          Reachability reachability, SmtpResult smtp, TlsResult tls,
                          CertificateResult certificate, Timings timingsMs, ProbeError error,
                          List<String> transcript, List<Finding> findings, List<String> reproduce,
                          ReverseDns reverseDns, MxOrigin mx, FanOut fanOut) {
        this(target, host, address, port, mode, reachability, smtp, tls, certificate, timingsMs, error, transcript,
                findings, reproduce, reverseDns, mx, fanOut, List.of());
    }

    /** An endpoint nothing was left unscanned around (no {@code fan_out}). */
    public EndpointResult(String target, String host, String address, int port, Mode mode,
                          Reachability reachability, SmtpResult smtp, TlsResult tls,
                          CertificateResult certificate, Timings timingsMs, ProbeError error,
                          List<String> transcript, List<Finding> findings, List<String> reproduce,
                          ReverseDns reverseDns, MxOrigin mx) {
        this(target, host, address, port, mode, reachability, smtp, tls, certificate, timingsMs, error, transcript,
                findings, reproduce, reverseDns, mx, null, List.of());
    }

    /**
     * Every observation of a probed endpoint, not judged yet: the probe's dialogue, the TLS facts (the probe's
     * negotiated session, or the enumeration built on it), the reverse DNS of the address and the manual commands.
     */
    public static EndpointResult observed(Endpoint endpoint, ProbeObservation probe, TlsResult tls, ReverseDns reverseDns,
                                          List<String> reproduce) {
        return observed(endpoint, probe, tls, reverseDns, reproduce, List.of());
    }

    /** As {@link #observed(Endpoint, ProbeObservation, TlsResult, ReverseDns, List)}, with the vulnerability checks run. */
    public static EndpointResult observed(Endpoint endpoint, ProbeObservation probe, TlsResult tls, ReverseDns reverseDns,
                                          List<String> reproduce, List<VulnerabilityResult> vulnerabilities) {
        Target t = endpoint.target();
        return new EndpointResult(t.given(), t.host(), endpoint.addressText(), t.port(), t.mode(), probe.reachability(),
                probe.smtp(), tls, probe.certificate(), probe.timings(), probe.error(), probe.transcript(), List.of(),
                reproduce, reverseDns, t.mx(), t.fanOut(), vulnerabilities);
    }

    /**
     * A target nothing was probed on: its name did not resolve, its mail domain has no MX, its address was out of
     * the scan's scope, or the probe crashed.
     */
    public static EndpointResult unprobed(Target target, String address, Reachability reachability, ProbeError error,
                                          List<String> transcript) {
        return new EndpointResult(target.given(), target.host(), address, target.port(), target.mode(), reachability,
                null, null, null, null, error, transcript, List.of(), List.of(), null, target.mx(), target.fanOut());
    }

    /** The same observations with {@code judged} as their findings (a judgement replaces the previous one). */
    public EndpointResult withFindings(List<Finding> judged) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, tls, certificate,
                timingsMs, error, transcript, judged, reproduce, reverseDns, mx, fanOut, vulnerabilities, dane);
    }

    /** The same observations with the DANE facts of this MX endpoint. */
    public EndpointResult withDane(EndpointDane found) {
        return new EndpointResult(target, host, address, port, mode, reachability, smtp, tls, certificate,
                timingsMs, error, transcript, findings, reproduce, reverseDns, mx, fanOut, vulnerabilities, found);
    }
}
