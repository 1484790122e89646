package io.smtpscope.dns;

import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Asks for the MX records of a mail domain and says what they mean: exchanges, implicit MX, null MX or failure. */
@FunctionalInterface
public interface MxLookup {
    MxAnswer lookup(String domain);

    static MxLookup using(DnsClient client) {
        return domain -> interpret(domain, client::query, client.describeServers());
    }

    /** Through the validating resolver: a bogus MX RRset is a failed lookup (SERVFAIL), as for any validating resolver. */
    static MxLookup using(ValidatingDns dns) {
        return domain -> interpret(domain, dns::query, dns.describeServers());
    }

    /** One DNS question, answered by whichever client the lookup was built on. */
    @FunctionalInterface
    interface Querier {
        Message query(String name, int type) throws IOException;
    }

    private static MxAnswer interpret(String domain, Querier client, String servers) {
        Message answer;
        try {
            answer = client.query(domain, Type.MX);
        } catch (IOException e) {
            return new MxAnswer.Failed("MX lookup of " + domain + " failed: " + e.getMessage());
        }
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new MxAnswer.Failed("MX lookup of " + domain + " failed: NXDOMAIN (the domain does not exist)");
        }
        if (rcode != Rcode.NOERROR) {
            return new MxAnswer.Failed("MX lookup of " + domain + " failed: " + Rcode.string(rcode)
                    + " from " + servers);
        }
        List<MXRecord> records = new ArrayList<>();
        for (Record r : answer.getSection(Section.ANSWER)) {
            if (r instanceof MXRecord mx) {
                records.add(mx);
            }
        }
        if (records.isEmpty()) {
            return new MxAnswer.Implicit();
        }
        List<MXRecord> real = records.stream().filter(r -> !r.getTarget().equals(Name.root)).toList();
        if (real.isEmpty()) {
            // RFC 7505 section 3: "0 ." alone; a lone "." at another preference means the same in practice.
            return new MxAnswer.NullMx();
        }
        // A "." next to real exchanges is a misconfiguration (RFC 7505 section 3); the real ones still get mail.
        List<MxAnswer.Exchange> exchanges = new ArrayList<>();
        for (MXRecord r : real) {
            exchanges.add(new MxAnswer.Exchange(r.getPriority(), r.getTarget().toString(true).toLowerCase(java.util.Locale.ROOT)));
        }
        // Stable sort: equal preferences keep the server's order (RFC 5321 section 5.1 lets a client shuffle them).
        exchanges.sort(Comparator.comparingInt(MxAnswer.Exchange::preference));
        return new MxAnswer.Exchanges(exchanges);
    }
}
