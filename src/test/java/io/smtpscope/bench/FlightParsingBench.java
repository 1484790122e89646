package io.smtpscope.bench;

import io.smtpscope.tls.enumeration.DrippedFlights;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Benchmark (not a test): the CPU time one enumeration hello spends reading a hostile answer, every handshake
 * byte in a 1-byte record, dripped {@code bytesPerRead} bytes per read up to the answer's size limit. No
 * network: the real {@code HelloExchange} reads from memory, so only parsing is measured. Prints the median
 * of the runs: CPU time of the reading thread, and of the whole process (the garbage collector included).
 *
 * <pre>java -cp target/classes:target/test-classes:$(deps) io.smtpscope.bench.FlightParsingBench [runs] [bytesPerRead,...]</pre>
 */
public final class FlightParsingBench {
    private FlightParsingBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 1 ? args[1] : "60,1460,4096").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        byte[] flight = DrippedFlights.worstCase();
        System.out.printf("%-12s %8s %7s %10s %16s %18s  %s%n", "bytes/read", "bytes", "reads", "examined",
                "thread cpu ms", "process cpu ms", "outcome");
        for (int size : sizes) {
            List<Long> cpu = new ArrayList<>();
            List<Long> process = new ArrayList<>();
            DrippedFlights.Cost last = null;
            DrippedFlights.exchange(flight, size); // warm-up
            for (int i = 0; i < runs; i++) {
                last = DrippedFlights.exchange(flight, size);
                cpu.add(last.cpuNanos());
                process.add(last.processCpuNanos());
            }
            System.out.printf("%-12d %8d %7d %10d %16.1f %18.1f  %s%n", size, last.bytes(), last.reads(), last.bytesExamined(),
                    median(cpu) / 1e6, median(process) / 1e6, shorten(last.outcome()));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
