package io.smtpscope.demo;

import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One DNS zone held in memory and, when asked, signed (DNSSEC, ECDSA P-256 with one combined signing key, NSEC for
 * denial of existence), so the demo can show a mail domain with MX, DANE and policy records without any network.
 * The records come from dnsjava: nothing here encodes DNS by hand. Built once, then read-only.
 */
public final class DemoZone {
    private static final long TTL = 300;

    private final Name apex;
    private final boolean signed;
    private final Map<Name, Map<Integer, RRset>> names = new TreeMap<>();
    private final List<Record> pending = new ArrayList<>();
    private DNSKEYRecord key;

    public DemoZone(String apex, boolean signed) {
        this.apex = name(apex);
        this.signed = signed;
    }

    public Name apex() {
        return apex;
    }

    public boolean signed() {
        return signed;
    }

    /** Adds a record of this zone (before {@link #seal}). */
    public DemoZone add(Record record) {
        if (!record.getName().subdomain(apex)) {
            throw new IllegalArgumentException(record.getName() + " is not in " + apex);
        }
        pending.add(record);
        return this;
    }

    /** Adds SOA and NS, groups the records into RRsets and, for a signed zone, adds NSEC and signs every RRset. */
    public DemoZone seal() throws GeneralSecurityException {
        try {
            Name ns = Name.concatenate(name("ns"), apex);
            pending.add(new SOARecord(apex, DClass.IN, TTL, ns, Name.concatenate(name("hostmaster"), apex),
                    1, 3600, 600, 86400, TTL));
            pending.add(new NSRecord(apex, DClass.IN, TTL, ns));
            if (signed) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                // flags 257: a zone key that is also the secure entry point (one key signs everything)
                key = new DNSKEYRecord(apex, DClass.IN, TTL, 257, 3, 13, pair.getPublic());
                pending.add(key);
                for (Record r : pending) {
                    put(r);
                }
                addNsecChain();
                sign(pair);
            } else {
                pending.forEach(this::put);
            }
            return this;
        } catch (org.xbill.DNS.NameTooLongException | DNSSEC.DNSSECException e) {
            throw new GeneralSecurityException("cannot build the demo zone " + apex + ": " + e.getMessage(), e);
        }
    }

    /** The zone's key as a trust anchor line ("zone. 300 IN DNSKEY 257 3 13 ..."), for a validating resolver. */
    public Optional<String> trustAnchor() {
        return key == null ? Optional.empty() : Optional.of(key.toString());
    }

    /** The RRset of {@code type} at {@code owner}, if the zone has one. */
    Optional<RRset> rrset(Name owner, int type) {
        Map<Integer, RRset> sets = names.get(owner);
        return sets == null ? Optional.empty() : Optional.ofNullable(sets.get(type));
    }

    boolean exists(Name owner) {
        return names.containsKey(owner);
    }

    boolean contains(Name owner) {
        return owner.subdomain(apex);
    }

    /** The NSEC whose span covers (or matches) {@code owner}: canonical order, the last one wraps to the apex. */
    Optional<RRset> coveringNsec(Name owner) {
        if (!signed) {
            return Optional.empty();
        }
        Name before = apex;
        for (Name n : names.keySet()) {
            if (n.compareTo(owner) <= 0) {
                before = n;
            }
        }
        return rrset(before, Type.NSEC);
    }

    private void put(Record r) {
        RRset set = names.computeIfAbsent(r.getName(), n -> new LinkedHashMap<>())
                .computeIfAbsent(r.getType(), t -> new RRset());
        set.addRR(r);
    }

    private void addNsecChain() {
        List<Name> owners = new ArrayList<>(names.keySet()); // TreeMap of Name: DNSSEC canonical order
        for (int i = 0; i < owners.size(); i++) {
            Name owner = owners.get(i);
            Name next = owners.get((i + 1) % owners.size());
            TreeSet<Integer> types = new TreeSet<>(names.get(owner).keySet());
            types.add(Type.NSEC);
            types.add(Type.RRSIG);
            int[] bitmap = types.stream().mapToInt(Integer::intValue).toArray();
            put(new NSECRecord(owner, DClass.IN, TTL, next, bitmap));
        }
    }

    private void sign(KeyPair pair) throws DNSSEC.DNSSECException {
        Instant inception = Instant.now().minus(Duration.ofHours(1));
        Instant expiration = Instant.now().plus(Duration.ofDays(7));
        for (Map<Integer, RRset> sets : names.values()) {
            for (RRset set : List.copyOf(sets.values())) {
                RRSIGRecord sig = DNSSEC.sign(set, key, pair.getPrivate(), inception, expiration);
                set.addRR(sig);
            }
        }
    }

    static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + text, e);
        }
    }

    /** Every RRset of the zone, for tests and diagnostics. */
    List<RRset> all() {
        List<RRset> out = new ArrayList<>();
        names.values().forEach(m -> out.addAll(m.values()));
        return Collections.unmodifiableList(out);
    }
}
