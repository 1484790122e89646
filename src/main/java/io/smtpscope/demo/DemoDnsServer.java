package io.smtpscope.demo;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ExtendedFlags;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authoritative DNS server for the demo's zones on 127.0.0.1, UDP and TCP on one ephemeral port: answers,
 * CNAMEs within its zones, NODATA and NXDOMAIN with their NSEC proofs, RRSIGs when the query sets DO, and a
 * truncated UDP answer (then TCP) when the answer does not fit. Bounded: it stops after {@link #MAX_QUERIES}.
 */
public final class DemoDnsServer implements AutoCloseable {
    static final int MAX_QUERIES = 20_000;
    private static final int TCP_TIMEOUT_MILLIS = 2_000;

    private final List<DemoZone> zones;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final AtomicInteger served = new AtomicInteger();
    private final List<Thread> threads;
    private volatile boolean closed;

    public DemoDnsServer(List<DemoZone> zones) throws IOException {
        this.zones = List.copyOf(zones);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        DatagramSocket boundUdp = null;
        ServerSocket boundTcp = null;
        for (int attempt = 0; attempt < 20 && boundTcp == null; attempt++) { // the same free port for both
            boundUdp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                boundTcp = new ServerSocket(boundUdp.getLocalPort(), 16, loopback);
            } catch (IOException taken) {
                boundUdp.close();
            }
        }
        if (boundTcp == null) {
            throw new IOException("no free loopback port for both UDP and TCP DNS");
        }
        udp = boundUdp;
        tcp = boundTcp;
        udp.setSoTimeout(250);
        tcp.setSoTimeout(250);
        threads = List.of(Thread.ofPlatform().daemon().name("demo-dns-udp").start(this::serveUdp),
                Thread.ofPlatform().daemon().name("demo-dns-tcp").start(this::serveTcp));
    }

    /** {@code 127.0.0.1:PORT}, as {@code --dns-server} takes it. */
    public String address() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (!closed && served.incrementAndGet() < MAX_QUERIES) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                OPTRecord opt = query.getOPT();
                int limit = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
                Message response = answer(query);
                byte[] wire = response.toWire();
                if (wire.length > limit) {
                    Message truncated = header(query);
                    truncated.getHeader().setFlag(Flags.TC);
                    wire = truncated.toWire();
                }
                udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (SocketTimeoutException idle) {
                served.decrementAndGet();
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                // a malformed query: ignored, as a server would
            }
        }
    }

    private void serveTcp() {
        while (!closed && served.incrementAndGet() < MAX_QUERIES) {
            try (Socket connection = tcp.accept()) {
                connection.setSoTimeout(TCP_TIMEOUT_MILLIS);
                DataInputStream in = new DataInputStream(connection.getInputStream());
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                byte[] wire = answer(new Message(query)).toWire();
                DataOutputStream out = new DataOutputStream(connection.getOutputStream());
                out.writeShort(wire.length);
                out.write(wire);
                out.flush();
            } catch (SocketTimeoutException idle) {
                served.decrementAndGet();
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private static Message header(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        if (query.getQuestion() != null) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    Message answer(Message query) {
        Message response = header(query);
        Record question = query.getQuestion();
        OPTRecord opt = query.getOPT();
        boolean dnssec = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
        if (opt != null) {
            response.addRecord(new OPTRecord(4096, 0, 0, dnssec ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        }
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        Optional<DemoZone> zone = zoneOf(question.getName());
        if (zone.isEmpty()) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        response.getHeader().setFlag(Flags.AA);
        Name owner = question.getName();
        int type = question.getType();
        // Follow CNAMEs inside the demo zones, a bounded number of times.
        for (int hop = 0; hop < 8; hop++) {
            DemoZone z = zoneOf(owner).orElse(null);
            if (z == null) {
                return response;
            }
            Optional<RRset> wanted = z.rrset(owner, type);
            if (wanted.isPresent()) {
                add(response, wanted.get(), Section.ANSWER, dnssec);
                return response;
            }
            Optional<RRset> alias = type == Type.CNAME ? Optional.empty() : z.rrset(owner, Type.CNAME);
            if (alias.isPresent()) {
                add(response, alias.get(), Section.ANSWER, dnssec);
                owner = ((org.xbill.DNS.CNAMERecord) alias.get().first()).getTarget();
                continue;
            }
            boolean nodata = z.exists(owner);
            if (hop == 0 && !nodata) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            z.rrset(z.apex(), Type.SOA).ifPresent(soa -> add(response, soa, Section.AUTHORITY, dnssec));
            if (dnssec) {
                z.coveringNsec(owner).ifPresent(nsec -> add(response, nsec, Section.AUTHORITY, true));
                if (!nodata) {
                    // no wildcard either: the apex NSEC spans "*.apex" (it sorts right after the apex)
                    z.rrset(z.apex(), Type.NSEC).ifPresent(nsec -> add(response, nsec, Section.AUTHORITY, true));
                }
            }
            return response;
        }
        return response;
    }

    private static void add(Message response, RRset set, int section, boolean withSignatures) {
        for (Record r : set.rrs()) {
            if (!response.findRecord(r, section)) {
                response.addRecord(r, section);
            }
        }
        if (withSignatures) {
            for (Record sig : set.sigs()) {
                if (!response.findRecord(sig, section)) {
                    response.addRecord(sig, section);
                }
            }
        }
    }

    private Optional<DemoZone> zoneOf(Name name) {
        DemoZone best = null;
        for (DemoZone z : zones) {
            if (z.contains(name) && (best == null || z.apex().labels() > best.apex().labels())) {
                best = z;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Thread t : threads) {
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
