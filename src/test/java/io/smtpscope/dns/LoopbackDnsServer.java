package io.smtpscope.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP, ephemeral port) for tests: answers from the records it was
 * given, NXDOMAIN for names it does not know, and on request SERVFAIL or silence (a timeout) for a name.
 * Bounded: it serves at most {@link #MAX_QUERIES} queries and stops after {@link #MAX_LIFETIME} whatever happens.
 */
public final class LoopbackDnsServer implements AutoCloseable {
    static final int MAX_QUERIES = 10_000;
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    private enum Behaviour { SERVFAIL, SILENT }

    private final DatagramSocket socket;
    private final List<Record> records = new CopyOnWriteArrayList<>();
    private final Map<Name, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;

    public LoopbackDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        socket.setSoTimeout(200);
        thread = Thread.ofPlatform().daemon().name("loopback-dns").start(this::serve);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}, as --dns-server takes it. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public DnsClient client(Duration timeout, int attempts) {
        return new DnsClient(List.of(new InetSocketAddress(socket.getLocalAddress(), port())), timeout, attempts);
    }

    /** An MX record; host "." is the null MX. */
    public LoopbackDnsServer mx(String domain, int preference, String host) {
        records.add(new MXRecord(name(domain), DClass.IN, 60, preference, host.equals(".") ? Name.root : name(host)));
        return this;
    }

    public LoopbackDnsServer a(String host, String address) throws IOException {
        records.add(new ARecord(name(host), DClass.IN, 60, InetAddress.getByName(address)));
        return this;
    }

    public LoopbackDnsServer aaaa(String host, String address) throws IOException {
        records.add(new AAAARecord(name(host), DClass.IN, 60, InetAddress.getByName(address)));
        return this;
    }

    /** One TXT record of the given character-strings (each at most 255 bytes, as on the wire). */
    public LoopbackDnsServer txt(String name, String... strings) {
        records.add(new org.xbill.DNS.TXTRecord(name(name), DClass.IN, 60, java.util.List.of(strings)));
        return this;
    }

    public LoopbackDnsServer servfail(String domain) {
        behaviours.put(name(domain), Behaviour.SERVFAIL);
        return this;
    }

    public LoopbackDnsServer silent(String domain) {
        behaviours.put(name(domain), Behaviour.SILENT);
        return this;
    }

    /** Every question received, as "name TYPE". */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    private void serve() {
        Instant deadline = Instant.now().plus(MAX_LIFETIME);
        byte[] buffer = new byte[512];
        while (!closed && served.get() < MAX_QUERIES && Instant.now().isBefore(deadline)) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            served.incrementAndGet();
            try {
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] reply = answer(query);
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                // a malformed query or a closed socket: ignore, as a server would
            }
        }
    }

    private byte[] answer(Message query) {
        Record question = query.getQuestion();
        questions.add(question.getName().toString(true).toLowerCase(Locale.ROOT) + " " + org.xbill.DNS.Type.string(question.getType()));
        Behaviour behaviour = behaviours.get(question.getName());
        if (behaviour == Behaviour.SILENT) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        if (behaviour == Behaviour.SERVFAIL) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response.toWire();
        }
        List<Record> forName = new ArrayList<>();
        for (Record r : records) {
            if (r.getName().equals(question.getName())) {
                forName.add(r);
            }
        }
        if (forName.isEmpty()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response.toWire();
        }
        forName.stream().filter(r -> r.getType() == question.getType()).forEach(r -> response.addRecord(r, Section.ANSWER));
        return response.toWire(); // NOERROR, possibly without answers (NODATA)
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        socket.close();
        thread.join(2_000);
    }
}
