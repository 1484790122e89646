package io.smtpscope.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's DNS server, checked by dnsjava's validating resolver (the one the scanner uses) with the zone key as
 * trust anchor: answers, CNAMEs, NODATA and NXDOMAIN all validate as secure in the signed zone; the unsigned zone
 * answers without authentication.
 */
class DemoDnsServerTest {
    private static DemoZone signed;
    private static DemoDnsServer server;

    @BeforeAll
    static void start() throws Exception {
        signed = new DemoZone("good.test", true);
        Name mail = DemoZone.name("mail.good.test");
        signed.add(new MXRecord(DemoZone.name("good.test"), DClass.IN, 300, 10, mail))
                .add(new ARecord(mail, DClass.IN, 300, InetAddress.getByName("127.0.0.1")))
                .add(new CNAMERecord(DemoZone.name("alias.good.test"), DClass.IN, 300, mail))
                .seal();
        DemoZone plain = new DemoZone("plain.test", false)
                .add(new ARecord(DemoZone.name("mail.plain.test"), DClass.IN, 300, InetAddress.getByName("127.0.0.1")))
                .seal();
        server = new DemoDnsServer(List.of(signed, plain));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Message ask(String name, int type) throws Exception {
        String[] hostPort = server.address().split(":");
        SimpleResolver upstream = new SimpleResolver(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        upstream.setTimeout(Duration.ofSeconds(3));
        ValidatingResolver validating = new ValidatingResolver(upstream);
        validating.loadTrustAnchors(new ByteArrayInputStream(signed.trustAnchor().orElseThrow().getBytes(StandardCharsets.US_ASCII)));
        return validating.send(Message.newQuery(Record.newRecord(DemoZone.name(name), type, DClass.IN)));
    }

    @Test
    void answersInTheSignedZoneValidateAsSecure() throws Exception {
        Message mx = ask("good.test", Type.MX);
        assertEquals(Rcode.NOERROR, mx.getRcode(), mx.toString());
        assertTrue(mx.getHeader().getFlag(Flags.AD), "authenticated: " + mx);
        assertEquals(1, mx.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.MX).count());

        Message alias = ask("alias.good.test", Type.A);
        assertTrue(alias.getHeader().getFlag(Flags.AD), "CNAME and target authenticated: " + alias);
    }

    @Test
    void nodataAndNxdomainAreProvenBySignedNsec() throws Exception {
        Message nodata = ask("mail.good.test", Type.AAAA);
        assertEquals(Rcode.NOERROR, nodata.getRcode(), nodata.toString());
        assertTrue(nodata.getHeader().getFlag(Flags.AD), "NODATA proven: " + nodata);

        Message nx = ask("_25._tcp.mail.good.test", Type.TLSA);
        assertEquals(Rcode.NXDOMAIN, nx.getRcode(), nx.toString());
        assertTrue(nx.getHeader().getFlag(Flags.AD), "NXDOMAIN proven: " + nx);
    }

    @Test
    void theUnsignedZoneIsAnsweredButNotAuthenticated() throws Exception {
        Message a = ask("mail.plain.test", Type.A);
        assertEquals(Rcode.NOERROR, a.getRcode(), a.toString());
        assertFalse(a.getHeader().getFlag(Flags.AD), a.toString());
        assertEquals(1, a.getSection(Section.ANSWER).size());
    }
}
