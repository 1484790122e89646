package io.smtpscope.diff;

import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.ChainCertificate;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.Finding;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.TlsResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares two reports, endpoint by endpoint. Pure: facts in, changes out; no I/O, no clock. */
public final class ReportDiffer {

    public ReportDiff compare(ScanReport old, ScanReport current) {
        Map<String, EndpointResult> before = byKey(old.endpoints());
        Map<String, EndpointResult> after = byKey(current.endpoints());
        Map<String, EndpointResult> moved = movedFrom(before, after);
        List<ReportDiff.EndpointDiff> diffs = new ArrayList<>();
        for (var entry : after.entrySet()) {
            EndpointResult now = entry.getValue();
            EndpointResult then = before.get(entry.getKey());
            List<Change> changes;
            if (then != null) {
                changes = compare(then, now);
            } else if (moved.containsKey(entry.getKey())) {
                EndpointResult from = moved.get(entry.getKey());
                changes = new ArrayList<>(List.of(new Change.AddressChanged(from.address(), now.address())));
                changes.addAll(compare(from, now));
            } else {
                changes = List.of(new Change.EndpointAppeared());
            }
            if (!changes.isEmpty()) {
                diffs.add(diff(now, changes));
            }
        }
        Set<EndpointResult> pairedOld = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        pairedOld.addAll(moved.values());
        for (var entry : before.entrySet()) {
            if (!after.containsKey(entry.getKey()) && !pairedOld.contains(entry.getValue())) {
                diffs.add(diff(entry.getValue(), List.of(new Change.EndpointDisappeared())));
            }
        }
        return new ReportDiff(old.startedAt(), current.startedAt(), diffs);
    }

    /**
     * Endpoints whose address changed (a DNS move) are the same service: an old endpoint seen only in the old run
     * is paired with a new one of the same host, port and mode seen only in the new run, in address order, so the
     * move reads as one endpoint whose address (and perhaps certificate) changed, not as one gone and one new.
     * Returns, by the new endpoint's key, the old endpoint it continues.
     */
    private static Map<String, EndpointResult> movedFrom(Map<String, EndpointResult> before, Map<String, EndpointResult> after) {
        Map<String, List<EndpointResult>> gone = new TreeMap<>();
        before.forEach((key, e) -> {
            if (!after.containsKey(key)) {
                gone.computeIfAbsent(service(e), k -> new ArrayList<>()).add(e);
            }
        });
        Map<String, EndpointResult> moved = new LinkedHashMap<>();
        Map<String, List<Map.Entry<String, EndpointResult>>> arrived = new TreeMap<>();
        after.entrySet().stream().filter(en -> !before.containsKey(en.getKey()))
                .forEach(en -> arrived.computeIfAbsent(service(en.getValue()), k -> new ArrayList<>()).add(en));
        arrived.forEach((service, news) -> {
            List<EndpointResult> olds = gone.getOrDefault(service, List.of()).stream()
                    .sorted(java.util.Comparator.comparing(e -> String.valueOf(e.address()))).toList();
            List<Map.Entry<String, EndpointResult>> sorted = news.stream()
                    .sorted(java.util.Comparator.comparing(en -> String.valueOf(en.getValue().address()))).toList();
            for (int i = 0; i < Math.min(olds.size(), sorted.size()); i++) {
                moved.put(sorted.get(i).getKey(), olds.get(i));
            }
        });
        return moved;
    }

    private static String service(EndpointResult e) {
        return e.host().toLowerCase(java.util.Locale.ROOT) + "|" + e.port() + "|" + e.mode().label();
    }

    /** The changes of one endpoint seen in both runs, most important first. */
    public List<Change> compare(EndpointResult then, EndpointResult now) {
        List<Change> changes = new ArrayList<>();
        if (then.reachability() != now.reachability()) {
            changes.add(new Change.ReachabilityChanged(then.reachability().label(), now.reachability().label()));
        }
        compareFindings(then.findings(), now.findings(), changes);
        compareCertificate(then.certificate(), now.certificate(), changes);
        compareTls(then.tls(), now.tls(), changes);
        String oldBanner = banner(then);
        String newBanner = banner(now);
        if (oldBanner != null && newBanner != null && !oldBanner.equals(newBanner)) {
            changes.add(new Change.BannerChanged(oldBanner, newBanner));
        }
        return changes;
    }

    private static void compareFindings(List<Finding> then, List<Finding> now, List<Change> changes) {
        Map<String, Finding> before = new LinkedHashMap<>();
        then.forEach(f -> before.putIfAbsent(f.id(), f));
        Map<String, Finding> after = new LinkedHashMap<>();
        now.forEach(f -> after.putIfAbsent(f.id(), f));
        for (Finding f : after.values()) {
            Finding old = before.get(f.id());
            if (old == null) {
                changes.add(new Change.FindingAppeared(f.id(), f.severity(), f.title()));
            } else if (old.severity() != null && f.severity() != null && old.severity() != f.severity()) {
                changes.add(new Change.FindingSeverityChanged(f.id(), old.severity(), f.severity()));
            }
        }
        for (Finding f : before.values()) {
            if (!after.containsKey(f.id())) {
                changes.add(new Change.FindingDisappeared(f.id(), f.severity(), f.title()));
            }
        }
    }

    private static void compareCertificate(CertificateResult then, CertificateResult now, List<Change> changes) {
        ChainCertificate oldLeaf = leaf(then);
        ChainCertificate newLeaf = leaf(now);
        // Only a certificate seen in both runs can have been replaced; TLS coming or going is a TLS change.
        if (oldLeaf != null && newLeaf != null && oldLeaf.sha256() != null && newLeaf.sha256() != null
                && !oldLeaf.sha256().equalsIgnoreCase(newLeaf.sha256())) {
            changes.add(new Change.CertificateReplaced(oldLeaf.sha256(), oldLeaf.notAfter(), newLeaf.sha256(), newLeaf.notAfter()));
        }
    }

    private static void compareTls(TlsResult then, TlsResult now, List<Change> changes) {
        String oldVersion = then == null ? null : then.protocol();
        String newVersion = now == null ? null : now.protocol();
        if (!Objects.equals(oldVersion, newVersion)) {
            changes.add(new Change.TlsVersionChanged(oldVersion, newVersion));
        }
        if (then == null || now == null) {
            return;
        }
        // Enumeration results are null when enumeration did not run: compare only what both runs measured.
        if (then.protocols() != null && now.protocols() != null) {
            Set<String> before = accepted(then.protocols());
            Set<String> after = accepted(now.protocols());
            List<String> added = minus(after, before);
            List<String> removed = minus(before, after);
            if (!added.isEmpty() || !removed.isEmpty()) {
                changes.add(new Change.ProtocolSetChanged(added, removed));
            }
        }
        if (then.cipherSuites() != null && now.cipherSuites() != null) {
            Map<String, List<String>> added = new TreeMap<>();
            Map<String, List<String>> removed = new TreeMap<>();
            Set<String> versions = new TreeSet<>(then.cipherSuites().keySet());
            versions.addAll(now.cipherSuites().keySet());
            for (String version : versions) {
                Set<String> before = suites(then.cipherSuites().get(version));
                Set<String> after = suites(now.cipherSuites().get(version));
                List<String> plus = minus(after, before);
                List<String> less = minus(before, after);
                if (!plus.isEmpty()) {
                    added.put(version, plus);
                }
                if (!less.isEmpty()) {
                    removed.put(version, less);
                }
            }
            if (!added.isEmpty() || !removed.isEmpty()) {
                changes.add(new Change.CipherSuitesChanged(added, removed));
            }
        }
    }

    private static Set<String> accepted(Map<String, Boolean> protocols) {
        Set<String> accepted = new TreeSet<>();
        protocols.forEach((version, ok) -> {
            if (Boolean.TRUE.equals(ok)) {
                accepted.add(version);
            }
        });
        return accepted;
    }

    private static Set<String> suites(List<String> list) {
        return list == null ? Set.of() : new TreeSet<>(list);
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).sorted().toList();
    }

    private static ChainCertificate leaf(CertificateResult certificate) {
        return certificate == null || certificate.chain().isEmpty() ? null : certificate.chain().get(0);
    }

    private static String banner(EndpointResult e) {
        return e.smtp() == null || e.smtp().banner() == null ? null : e.smtp().banner().text();
    }

    private static Map<String, EndpointResult> byKey(List<EndpointResult> endpoints) {
        Map<String, EndpointResult> map = new LinkedHashMap<>();
        for (EndpointResult e : endpoints) {
            map.putIfAbsent(key(e), e);
        }
        return map;
    }

    static String key(EndpointResult e) {
        return e.host().toLowerCase(java.util.Locale.ROOT) + "|" + e.address() + "|" + e.port() + "|" + e.mode().label();
    }

    private static ReportDiff.EndpointDiff diff(EndpointResult e, List<Change> changes) {
        return new ReportDiff.EndpointDiff(e.host(), e.address(), e.port(), e.mode().label(), changes);
    }
}
