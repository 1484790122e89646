package io.smtpscope.dns;

import io.smtpscope.text.Printable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * TXT lookups through a {@link DnsClient} (so {@code --dns-server} governs them like MX and A/AAAA). A record's
 * character-strings are joined without separator, as RFC 8461 section 3.1 and RFC 8460 section 3 read them.
 * Bounded: at most {@link #MAX_RECORDS} records and {@link #MAX_RECORD_BYTES} bytes per record are kept (an answer
 * over TCP may carry 64 KiB of text a zone owner chose); the cap is reported. DNSSEC state is unknown here (this
 * client does not validate), so {@code secure} is null.
 */
public final class DnsTxtSource implements TxtSource {
    static final int MAX_RECORDS = 32;
    static final int MAX_RECORD_BYTES = 4096;

    private final DnsClient client;

    private DnsTxtSource(DnsClient client) {
        this.client = client;
    }

    public static DnsTxtSource using(DnsClient client) {
        return new DnsTxtSource(client);
    }

    @Override
    public TxtAnswer lookup(String name) {
        Message answer;
        try {
            answer = client.query(name, Type.TXT);
        } catch (IOException e) {
            return new TxtAnswer.Failed("TXT lookup of " + Printable.escapeControls(name) + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new TxtAnswer.Failed("TXT lookup of " + Printable.escapeControls(name) + ": unreadable answer ("
                    + e.getClass().getSimpleName() + ")");
        }
        return read(answer, name);
    }

    static TxtAnswer read(Message answer, String name) {
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new TxtAnswer.NoRecords("NXDOMAIN", null);
        }
        if (rcode != Rcode.NOERROR) {
            return new TxtAnswer.Failed("TXT lookup of " + Printable.escapeControls(name) + ": " + Rcode.string(rcode));
        }
        List<String> records = new ArrayList<>();
        boolean capped = false;
        for (Record r : answer.getSection(Section.ANSWER)) {
            if (!(r instanceof TXTRecord txt)) {
                continue; // a CNAME on the way to the TXT records
            }
            if (records.size() == MAX_RECORDS) {
                capped = true;
                break;
            }
            records.add(joined(txt));
        }
        if (records.isEmpty()) {
            return new TxtAnswer.NoRecords("NODATA", null);
        }
        return new TxtAnswer.Found(records, null, capped || truncated(answer));
    }

    private static boolean truncated(Message answer) {
        return answer.getHeader().getFlag(org.xbill.DNS.Flags.TC);
    }

    /** The character-strings concatenated, at most MAX_RECORD_BYTES, control and invalid bytes escaped. */
    static String joined(TXTRecord txt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : txt.getStringsAsByteArrays()) {
            int room = MAX_RECORD_BYTES - bytes.size();
            if (room <= 0) {
                break;
            }
            bytes.write(part, 0, Math.min(room, part.length));
        }
        return Printable.decode(bytes.toByteArray());
    }
}
