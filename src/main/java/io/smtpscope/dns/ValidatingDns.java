package io.smtpscope.dns;

import io.smtpscope.result.DnssecState;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The scan's one DNS resolver: every question (MX, A/AAAA, TLSA, TXT, CNAME) goes to the scan's DNS servers
 * through dnsjava's validating resolver, which asks with the CD bit, checks the signatures itself from the trust
 * anchor (the root KSKs unless the user gives another) and says per answer secure, insecure or bogus (RFC 4035
 * section 4.3). A question never takes longer than attempts x servers x the validation budget.
 */
public final class ValidatingDns {
    /** A hostile or broken zone may publish huge RRsets: the first ones are plenty for every check here. */
    static final int MAX_RECORDS = 64;
    private static final int MAX_ANCHOR_BYTES = 64 * 1024;
    private static final String ROOT_ANCHORS = "root-anchors.ds";
    /** Validation chases DS and DNSKEY up to the anchor: a few round trips per question. */
    private static final int VALIDATION_ROUND_TRIPS = 4;

    private final List<ValidatingResolver> resolvers;
    private final String serversText;
    private final Duration budget;
    private final int attempts;
    private final String anchorDescription;
    private final DnsClient plain;
    private final List<String> anchorNames;
    /** Null until the first lookup asks: can DNSSEC be validated through these servers at all? */
    private Boolean validates;
    private String whyNot;

    private ValidatingDns(List<ValidatingResolver> resolvers, String serversText, Duration budget, int attempts,
                          String anchorDescription, DnsClient plain, List<String> anchorNames) {
        this.resolvers = List.copyOf(resolvers);
        this.serversText = serversText;
        this.budget = budget;
        this.attempts = attempts;
        this.anchorDescription = anchorDescription;
        this.plain = plain;
        this.anchorNames = List.copyOf(anchorNames);
    }

    /**
     * Validating resolvers over {@code client}'s servers; {@code anchorFile} (DS or DNSKEY records in zone-file
     * syntax) replaces the bundled root anchors. IllegalArgumentException with a plain message when the file is
     * unreadable or holds no anchor.
     */
    public static ValidatingDns over(DnsClient client, Path anchorFile) {
        byte[] anchors = anchorFile == null ? bundledRootAnchors() : readAnchorFile(anchorFile);
        String description = anchorFile == null ? "the DNS root trust anchors (KSK-2017, KSK-2024)" : "the trust anchor in " + anchorFile;
        List<ValidatingResolver> resolvers = new ArrayList<>();
        List<String> anchorNames = new ArrayList<>();
        for (InetSocketAddress server : client.servers()) {
            SimpleResolver head = new SimpleResolver(server);
            head.setTimeout(client.timeout());
            ValidatingResolver validating = new ValidatingResolver(head);
            validating.setTimeout(client.timeout());
            try (InputStream in = new ByteArrayInputStream(anchors)) {
                validating.loadTrustAnchors(in);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read the trust anchor from " + (anchorFile == null ? "the bundled root anchors" : anchorFile)
                        + ": " + e.getMessage());
            }
            if (validating.getTrustAnchors().items().isEmpty()) {
                throw new IllegalArgumentException("no DS or DNSKEY record in " + anchorFile
                        + " (expected zone-file lines such as 'example. IN DS 12345 13 2 ABCD...')");
            }
            if (anchorNames.isEmpty()) {
                validating.getTrustAnchors().items().forEach(rrset -> anchorNames.add(rrset.getName().toString()));
            }
            resolvers.add(validating);
        }
        return new ValidatingDns(resolvers, client.describeServers(), client.timeout().multipliedBy(VALIDATION_ROUND_TRIPS),
                client.attempts(), description, client, anchorNames);
    }

    private static byte[] bundledRootAnchors() {
        try (InputStream in = ValidatingDns.class.getResourceAsStream(ROOT_ANCHORS)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + ROOT_ANCHORS + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + ROOT_ANCHORS + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readAnchorFile(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--trust-anchor " + file + ": no such file");
            }
            if (Files.size(file) > MAX_ANCHOR_BYTES) {
                throw new IllegalArgumentException("--trust-anchor " + file + ": larger than " + MAX_ANCHOR_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--trust-anchor " + file + ": " + e.getMessage());
        }
    }

    public String anchorDescription() {
        return anchorDescription;
    }

    public String describeServers() {
        return serversText;
    }

    /** The validated response to {@code name}/{@code type}; an IOException when no server answered in time. */
    public Message query(String name, int type) throws IOException {
        Message question = Message.newQuery(Record.newRecord(DnsClient.absolute(name), type, DClass.IN));
        IOException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            for (ValidatingResolver resolver : resolvers) {
                try {
                    return resolver.sendAsync(question).toCompletableFuture().get(budget.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    last = new IOException("timed out after " + budget.toMillis() + " ms");
                } catch (ExecutionException e) {
                    last = e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause()), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        throw new IOException("no answer from " + serversText + " in " + attempts + " attempt(s) (" + last.getMessage() + ")", last);
    }

    /**
     * Whether DNSSEC can be validated through these servers at all: the trust anchor's own DNSKEY RRset validates.
     * A resolver that strips signatures (or, in tests, a server that knows no anchor) would otherwise make every
     * signed answer look bogus. Asked once, on the first lookup.
     */
    public synchronized boolean validates() {
        if (validates == null) {
            validates = false;
            whyNot = "no trust anchor";
            for (String anchor : anchorNames) {
                Validated keys = validatedLookup(anchor, Type.DNSKEY);
                validates = keys.secure();
                whyNot = validates ? null : "the DNSKEY records of the trust anchor " + plain(anchor) + " do not validate through "
                        + serversText + " (" + (keys.reason() != null ? keys.reason() : keys.status() + ", " + keys.dnssec())
                        + "): the server does not pass DNSSEC records, so DNSSEC and DANE were not checked";
                if (validates) {
                    break;
                }
            }
        }
        return validates;
    }

    /** Why {@link #validates} is false; null when it is true. */
    public synchronized String whyNotValidating() {
        validates();
        return whyNot;
    }

    /**
     * The records of {@code type} at {@code name}, following CNAMEs as the resolver did, with their DNSSEC state;
     * when DNSSEC cannot be validated through these servers ({@link #validates}), the plain answer with state unknown.
     */
    public Validated lookup(String name, int type) {
        if (!validates()) {
            try {
                Validated v = interpret(name, type, plain.query(name, type));
                return new Validated(v.status(), v.records(), DnssecState.UNKNOWN, v.reason(), v.canonicalName());
            } catch (IOException e) {
                return new Validated(Validated.Status.FAILED, List.of(), DnssecState.UNKNOWN,
                        Type.string(type) + " lookup of " + plain(name) + " failed: " + e.getMessage(), plain(name));
            }
        }
        return validatedLookup(name, type);
    }

    private Validated validatedLookup(String name, int type) {
        Message response;
        try {
            response = query(name, type);
        } catch (IOException e) {
            return new Validated(Validated.Status.FAILED, List.of(), DnssecState.UNKNOWN,
                    Type.string(type) + " lookup of " + plain(name) + " failed: " + e.getMessage(), plain(name));
        }
        return interpret(name, type, response);
    }

    static Validated interpret(String name, int type, Message response) {
        int rcode = response.getRcode();
        String reason = validationReason(response);
        boolean ad = response.getHeader().getFlag(Flags.AD);
        if (rcode == Rcode.SERVFAIL && reason != null) {
            return new Validated(Validated.Status.FAILED, List.of(), DnssecState.BOGUS,
                    "DNSSEC validation of " + plain(name) + "/" + Type.string(type) + " failed: " + reason, plain(name));
        }
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new Validated(Validated.Status.FAILED, List.of(), DnssecState.UNKNOWN,
                    Type.string(type) + " lookup of " + plain(name) + " failed: " + Rcode.string(rcode), plain(name));
        }
        DnssecState state = ad ? DnssecState.SECURE : DnssecState.INSECURE;
        String owner = plain(name);
        List<Record> records = new ArrayList<>();
        int cnames = 0;
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof CNAMERecord cname && plain(cname.getName().toString()).equals(owner) && cnames++ < MAX_RECORDS) {
                owner = plain(cname.getTarget().toString());
            }
        }
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r.getType() == type && plain(r.getName().toString()).equals(owner) && records.size() < MAX_RECORDS) {
                records.add(r);
            }
        }
        Validated.Status status = rcode == Rcode.NXDOMAIN ? Validated.Status.NXDOMAIN
                : records.isEmpty() ? Validated.Status.NODATA : Validated.Status.FOUND;
        return new Validated(status, records, state, null, owner);
    }

    /** Why the validator judged the answer bogus: its reason record (a TXT in a private class) or its extended error. */
    private static String validationReason(Message response) {
        for (Record r : response.getSection(Section.ADDITIONAL)) {
            if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS && r instanceof TXTRecord txt) {
                return bounded(String.join(" ", txt.getStrings()));
            }
        }
        OPTRecord opt = response.getOPT();
        if (opt != null) {
            for (EDNSOption option : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
                if (option instanceof ExtendedErrorCodeOption ede
                        && ede.getErrorCode() != ExtendedErrorCodeOption.OTHER) {
                    return bounded("extended DNS error " + ede.getErrorCode()
                            + (ede.getText() == null ? "" : ": " + ede.getText()));
                }
            }
        }
        return null;
    }

    private static String bounded(String text) {
        String printable = io.smtpscope.text.Printable.escapeControls(text);
        return printable.length() > 300 ? printable.substring(0, 300) + "..." : printable;
    }

    /**
     * TXT records of {@code name} for the policy checks (MTA-STS, TLS-RPT), with the answer's DNSSEC state: each
     * record's strings joined (RFC 7208 section 3.3), bounded and escaped as {@link DnsTxtSource} does. A bogus
     * answer is a failed lookup, never "no records".
     */
    public TxtAnswer txt(String name) {
        Validated answer = lookup(name, Type.TXT);
        Boolean secure = answer.dnssec() == DnssecState.UNKNOWN ? null : answer.secure();
        if (answer.status() == Validated.Status.FAILED || answer.dnssec() == DnssecState.BOGUS) {
            return new TxtAnswer.Failed("TXT lookup of " + io.smtpscope.text.Printable.escapeControls(name) + ": "
                    + (answer.reason() == null ? answer.dnssec().name().toLowerCase(java.util.Locale.ROOT) : answer.reason()));
        }
        List<String> texts = new ArrayList<>();
        boolean capped = false;
        for (Record r : answer.records()) {
            if (r instanceof TXTRecord txt) {
                if (texts.size() == DnsTxtSource.MAX_RECORDS) {
                    capped = true;
                    break;
                }
                texts.add(DnsTxtSource.joined(txt));
            }
        }
        if (texts.isEmpty()) {
            return new TxtAnswer.NoRecords(answer.status() == Validated.Status.NXDOMAIN ? "NXDOMAIN" : "NODATA", secure);
        }
        return new TxtAnswer.Found(texts, secure, capped);
    }

    /** A and AAAA of {@code host}, for the engine's resolver: validated, so a bogus answer is no address. */
    public List<java.net.InetAddress> addresses(String host) throws java.net.UnknownHostException {
        List<java.net.InetAddress> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Validated answer = lookup(host, type);
            for (Record r : answer.records()) {
                if (r instanceof org.xbill.DNS.ARecord a) {
                    out.add(a.getAddress());
                } else if (r instanceof org.xbill.DNS.AAAARecord aaaa) {
                    out.add(aaaa.getAddress());
                }
            }
            if (answer.status() == Validated.Status.FAILED) {
                problems.add(answer.reason());
            } else if (answer.status() == Validated.Status.NXDOMAIN) {
                problems.add(Type.string(type) + " lookup: NXDOMAIN");
                break;
            }
        }
        if (out.isEmpty()) {
            throw new java.net.UnknownHostException(problems.isEmpty() ? "no A or AAAA record" : String.join("; ", problems));
        }
        return List.copyOf(out);
    }

    /** Lower case, no trailing dot: how names appear in the report. */
    static String plain(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") && lower.length() > 1 ? lower.substring(0, lower.length() - 1) : lower;
    }

    static String plain(Name name) {
        return plain(name.toString());
    }
}
