package io.smtpscope.mtasts;

import io.smtpscope.dns.TxtAnswer;
import io.smtpscope.dns.TxtSource;
import io.smtpscope.finding.DomainFindings;
import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.https.HttpsFetcher;
import io.smtpscope.https.HttpsResponse;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.MtaStsMode;
import io.smtpscope.result.MtaStsResult;
import io.smtpscope.result.PolicyFetch;
import io.smtpscope.result.TxtStatus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MTA-STS of one mail domain as a sender sees it (RFC 8461 sections 3 and 5): the {@code _mta-sts} TXT record,
 * then the policy file over HTTPS, then the policy's fields. Every way to fail is a finding; a failed DNS lookup
 * is never read as "no policy". The MX hosts are judged afterwards ({@link MxEvaluation}), once they were scanned.
 */
public final class MtaStsCheck {
    public static final int MAX_POLICY_BYTES = 64 * 1024;
    public static final String POLICY_PATH = "/.well-known/mta-sts.txt";
    /** Below a day, a policy protects little: senders forget it before an attacker has to act. */
    static final long SHORT_MAX_AGE = 86_400;

    /** Where a policy comes from: {@code HttpsFetcher::fetch} fits. */
    @FunctionalInterface
    public interface PolicySource {
        HttpsResponse fetch(String host, String path);
    }

    private final TxtSource txt;
    private final PolicySource policies;

    public MtaStsCheck(TxtSource txt, PolicySource policies) {
        this.txt = txt;
        this.policies = policies;
    }

    /**
     * The check as a scan runs it: TXT through the scan's DNS client, the policy host resolved through
     * {@code addresses} when the scan names a DNS server (null: the system resolver), the scan's trust anchors
     * (JDK roots, plus or instead of --ca-file), and the profile's timeouts: its connect timeout for the connection,
     * connect + TLS + command timeouts (never more than its total) for the whole fetch.
     */
    public static MtaStsCheck forScan(TxtSource txt, TrustAnchors anchors, HttpsFetcher.HostAddresses addresses,
                                      ProbeSettings settings) {
        Duration total = settings.connectTimeout().plus(settings.tlsTimeout()).plus(settings.commandTimeout());
        if (total.compareTo(settings.totalTimeout()) > 0) {
            total = settings.totalTimeout();
        }
        HttpsFetcher fetcher = new HttpsFetcher(anchors, addresses, settings.connectTimeout(), total, MAX_POLICY_BYTES);
        return new MtaStsCheck(txt, fetcher::fetch);
    }

    /** {@code findings}: the catalogue, profile and domain to judge with (a fresh collector is used). */
    public MtaStsResult check(String domain, DomainFindings findings) {
        DomainFindings out = findings.fresh();
        String recordName = "_mta-sts." + domain;
        TxtAnswer answer = txt.lookup(recordName);
        switch (answer) {
            case TxtAnswer.Failed failed -> {
                out.emit("MTA_STS_DNS_FAILED", Map.of("record_name", recordName, "message", failed.message()));
                return new MtaStsResult(domain, recordName, TxtStatus.FAILED, null, failed.message(), List.of(), null,
                        null, null, null, List.of(), out.findings());
            }
            case TxtAnswer.NoRecords none -> {
                out.emit("MTA_STS_NONE", Map.of("record_name", recordName, "rcode", none.rcode()));
                return new MtaStsResult(domain, recordName, TxtStatus.NO_RECORDS, none.secure(), null, List.of(), null,
                        null, null, null, List.of(), out.findings());
            }
            case TxtAnswer.Found found -> {
                return withRecords(domain, recordName, found, out);
            }
        }
    }

    private MtaStsResult withRecords(String domain, String recordName, TxtAnswer.Found found, DomainFindings out) {
        List<String> sts = StsRecord.candidates(found.records());
        if (sts.isEmpty()) {
            out.emit("MTA_STS_NONE", Map.of("record_name", recordName, "rcode", "no record beginning with v=STSv1"));
            return result(domain, recordName, found, null, null, null, out);
        }
        if (sts.size() > 1) {
            out.emit("MTA_STS_RECORD_MULTIPLE", Map.of("record_name", recordName, "count", String.valueOf(sts.size()),
                    "records", quoted(sts)));
            return result(domain, recordName, found, null, null, null, out);
        }
        StsRecord.Parsed record = StsRecord.parse(sts.get(0));
        if (record.problem() != null) {
            out.emit("MTA_STS_RECORD_MALFORMED", Map.of("record_name", recordName, "reason", record.problem(),
                    "record", quoted(sts)));
            return result(domain, recordName, found, null, null, null, out);
        }
        if (record.missingId()) {
            out.emit("MTA_STS_RECORD_NO_ID", Map.of("record_name", recordName, "record", quoted(sts)));
            return result(domain, recordName, found, null, null, null, out);
        }
        HttpsResponse response = policies.fetch("mta-sts." + domain, POLICY_PATH);
        PolicyFetch fetch = response.facts();
        if (fetch.status() != HttpsFetchStatus.OK) {
            fetchFailed(domain, record.id(), fetch, out);
            return result(domain, recordName, found, record.id(), fetch, null, out);
        }
        contentType(fetch, out);
        PolicyParser.Parsed policy = PolicyParser.parse(response.body());
        judge(domain, fetch.url(), policy, out);
        return new MtaStsResult(domain, recordName, TxtStatus.FOUND, found.secure(), null, found.records(), record.id(),
                fetch, policy.policy(), policy.canonicalSha256(), List.of(), out.findings());
    }

    private static MtaStsResult result(String domain, String recordName, TxtAnswer.Found found, String id,
                                       PolicyFetch fetch, String sha, DomainFindings out) {
        return new MtaStsResult(domain, recordName, TxtStatus.FOUND, found.secure(), null, found.records(), id, fetch,
                null, sha, List.of(), out.findings());
    }

    private static void fetchFailed(String domain, String id, PolicyFetch fetch, DomainFindings out) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("id", id);
        facts.put("url", fetch.url());
        facts.put("status", fetch.status().label());
        facts.put("message", String.valueOf(fetch.error()));
        facts.put("http_status", String.valueOf(fetch.httpStatus()));
        facts.put("location", fetch.location() == null ? "(no Location header)" : fetch.location());
        facts.put("limit", String.valueOf(MAX_POLICY_BYTES));
        facts.put("cert_error", String.valueOf(fetch.certificateError()));
        String finding = switch (fetch.status()) {
            case CERTIFICATE_INVALID -> "MTA_STS_POLICY_CERT_INVALID";
            case REDIRECT -> "MTA_STS_POLICY_REDIRECT";
            case HTTP_ERROR -> "MTA_STS_POLICY_HTTP_STATUS";
            case TOO_LARGE -> "MTA_STS_POLICY_TOO_LARGE";
            default -> "MTA_STS_POLICY_UNREACHABLE";
        };
        out.emit(finding, facts);
    }

    private static void contentType(PolicyFetch fetch, DomainFindings out) {
        String type = fetch.contentType();
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("text/plain")) {
            out.emit("MTA_STS_POLICY_CONTENT_TYPE", Map.of("url", fetch.url(),
                    "content_type", type == null ? "(none)" : type));
        }
    }

    private static void judge(String domain, String url, PolicyParser.Parsed parsed, DomainFindings out) {
        if (!parsed.problems().isEmpty()) {
            out.emit("MTA_STS_POLICY_MALFORMED", Map.of("url", url, "problems", String.join("; ", parsed.problems())));
        }
        if (!parsed.duplicateKeys().isEmpty()) {
            out.emit("MTA_STS_POLICY_DUPLICATE_KEY", Map.of("url", url, "keys", String.join(", ", parsed.duplicateKeys())));
        }
        if (!parsed.invalidPatterns().isEmpty()) {
            out.emit("MTA_STS_MX_PATTERN_INVALID", Map.of("url", url, "patterns", String.join("; ", parsed.invalidPatterns())));
        }
        Long maxAge = parsed.policy().maxAge();
        if (maxAge != null && maxAge < SHORT_MAX_AGE) {
            out.emit("MTA_STS_MAX_AGE_SHORT", Map.of("max_age", String.valueOf(maxAge),
                    "human", human(maxAge)));
        }
        MtaStsMode mode = parsed.policy().mode();
        if (mode == MtaStsMode.TESTING) {
            out.emit("MTA_STS_MODE_TESTING", Map.of());
        } else if (mode == MtaStsMode.NONE) {
            out.emit("MTA_STS_MODE_NONE", Map.of());
        }
    }

    private static String human(long seconds) {
        if (seconds >= 3600) {
            return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
        }
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }

    static String quoted(List<String> records) {
        return String.join(", ", records.stream().map(r -> "\"" + PolicyParser.shown(r) + "\"").toList());
    }
}
