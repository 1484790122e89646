package io.smtpscope.tls.enumeration;

import io.smtpscope.smtp.ChunkedTransport;
import io.smtpscope.smtp.Deadline;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The server flight that made hello parsing quadratic: a ServerHello, then a Certificate message announcing
 * 60 KiB, every handshake byte in a record of its own (RFC 8446 section 5.1 allows fragments of any size but
 * zero), and handed to {@link HelloExchange} a few bytes per read, as a server dripping its answer does.
 * Public so that the benchmark in {@code io.smtpscope.bench} can run the real exchange on it.
 */
public final class DrippedFlights {
    private DrippedFlights() {
    }

    /**
     * What one exchange over the dripped flight cost: bytes and reads handed over, bytes the reader examined, CPU
     * time of the exchanging thread, and of the whole process (which includes the garbage collector's threads) during the exchange.
     */
    public record Cost(long bytes, int reads, long bytesExamined, long cpuNanos, long processCpuNanos, String outcome) {
    }

    /** A TLS 1.2 ServerHello and a Certificate header in 1-byte handshake records, padded with 1-byte records to {@code wireBytes}. */
    public static byte[] oneByteRecords(int wireBytes) {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        byte[] hello = new byte[2 + 32 + 1 + 2 + 1];
        hello[0] = 3;
        hello[1] = 3;
        hello[35] = (byte) 0xC0;
        hello[36] = 0x2F;
        handshake.write(2);
        handshake.writeBytes(new byte[]{0, 0, (byte) hello.length});
        handshake.writeBytes(hello);
        handshake.writeBytes(new byte[]{11, 0, (byte) 0xF0, 0}); // Certificate, 61,440 bytes announced
        byte[] prefix = handshake.toByteArray();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; wire.size() + 6 <= wireBytes; i++) {
            wire.writeBytes(new byte[]{22, 3, 3, 0, 1, i < prefix.length ? prefix[i] : 0});
        }
        return wire.toByteArray();
    }

    /** The largest answer one hello reads: the flight above, sized to fill it. */
    public static byte[] worstCase() {
        return oneByteRecords(HelloExchange.MAX_BYTES + 6);
    }

    /** Runs one real exchange over {@code flight}, {@code bytesPerRead} bytes per read, on this thread. */
    public static Cost exchange(byte[] flight, int bytesPerRead) {
        ChunkedTransport transport = ChunkedTransport.split(flight, List.of(bytesPerRead), true);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long process = os.getProcessCpuTime();
        long cpu = threads.getCurrentThreadCpuTime();
        FlightReader reader = new FlightReader(TlsVersion.TLS12);
        HelloExchange.Outcome outcome = HelloExchange.exchange(transport, new byte[]{22, 3, 1, 0, 0}, reader,
                Deadline.of("tls-enumeration", 600_000, System.nanoTime() + 600_000_000_000L));
        long spent = threads.getCurrentThreadCpuTime() - cpu;
        long processSpent = os.getProcessCpuTime() - process;
        long bytes = Math.min(flight.length, HelloExchange.MAX_BYTES);
        return new Cost(bytes, transport.reads(), reader.bytesExamined(), spent, processSpent, outcome.toString());
    }
}
