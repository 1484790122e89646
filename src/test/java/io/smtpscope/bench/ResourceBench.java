package io.smtpscope.bench;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.engine.Resolver;
import io.smtpscope.app.ScanRequest;
import io.smtpscope.app.ScanService;
import io.smtpscope.profile.Profile;
import io.smtpscope.result.EndpointResult;
import io.smtpscope.result.ScanReport;
import io.smtpscope.result.Tool;
import io.smtpscope.target.ResolveOverrides;
import io.smtpscope.target.TargetParser;
import io.smtpscope.target.TargetSpec;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Resource benchmark (not a test): scans N endpoints on loopback that refuse (a closed port) or time out (a
 * listener whose accept queue is full and never drained, so further SYNs go unanswered), at a given
 * concurrency, sampling heap used and open file descriptors every 20 ms. Prints one row per run.
 *
 * <p>Each endpoint is a distinct name pinned with {@code --resolve}-style overrides to 127.0.0.1, so all the
 * traffic goes to loopback. Usage: {@code ResourceBench [endpoints] [concurrency,...] [refuse|timeout|both]}.
 */
public final class ResourceBench {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ResourceBench() {
    }

    record Row(String kind, int endpoints, int concurrency, long wallMillis, long baseHeapMb, long peakHeapMb,
               int baseFds, int peakFds, String outcomes) {
    }

    public static void main(String[] args) throws Exception {
        int endpoints = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<Integer> concurrencies = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).map(Integer::parseInt).toList() : List.of(100, 1000);
        String kinds = args.length > 2 ? args[2] : "both";
        List<Row> rows = new ArrayList<>();
        for (String kind : List.of("refuse", "timeout")) {
            if (!kinds.equals("both") && !kinds.equals(kind)) {
                continue;
            }
            for (int concurrency : concurrencies) {
                rows.add(run(kind, endpoints, concurrency));
            }
        }
        System.out.printf("%n%-8s %9s %11s %9s %10s %10s %8s %8s  %s%n", "kind", "endpoints", "concurrency", "wall_s",
                "heap_base", "heap_peak", "fd_base", "fd_peak", "outcomes");
        for (Row r : rows) {
            System.out.printf("%-8s %9d %11d %9.1f %8d MB %8d MB %8d %8d  %s%n", r.kind(), r.endpoints(), r.concurrency(),
                    r.wallMillis() / 1000.0, r.baseHeapMb(), r.peakHeapMb(), r.baseFds(), r.peakFds(), r.outcomes());
        }
    }

    static Row run(String kind, int endpoints, int concurrency) throws Exception {
        int port;
        ServerSocket blackhole = null;
        if (kind.equals("refuse")) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort(); // closed again at once: connecting there gets a RST
            }
        } else {
            // Backlog 1 and never accepted: once the queue is full the kernel drops further SYNs.
            blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            port = blackhole.getLocalPort();
        }
        ResolveOverrides pins = ResolveOverrides.none();
        List<TargetSpec> specs = new ArrayList<>(endpoints);
        for (int i = 0; i < endpoints; i++) {
            String name = "e" + i + ".bench.test";
            pins.add(name + ":127.0.0.1");
            specs.add(TargetParser.parse(name + ":" + port + "/starttls"));
        }
        Profile profile = Profile.builtIn().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(8));
        ScanRequest request = new ScanRequest(specs, List.of(), profile, Optional.empty(), pins,
                TrustAnchors.of(List.of(), "none"), concurrency, concurrency, true,
                host -> { throw new java.net.UnknownHostException("the benchmark never uses DNS: " + host); },
                Clock.systemUTC());
        System.gc();
        Thread.sleep(200);
        long baseHeap = MEMORY.getHeapMemoryUsage().getUsed();
        int baseFds = openFds();
        AtomicLong peakHeap = new AtomicLong(baseHeap);
        AtomicLong peakFds = new AtomicLong(baseFds);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                peakFds.accumulateAndGet(openFds(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        ScanReport report = new ScanService(new Tool("smtpscope", "bench")).run(request, r -> { });
        long wall = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();
        sampler.join();
        if (blackhole != null) {
            blackhole.close();
        }
        Map<String, Long> outcomes = report.endpoints().stream().collect(Collectors.groupingBy(ResourceBench::outcome,
                TreeMap::new, Collectors.counting()));
        return new Row(kind, endpoints, concurrency, wall, baseHeap >> 20, peakHeap.get() >> 20, baseFds,
                (int) peakFds.get(), outcomes.toString());
    }

    private static String outcome(EndpointResult r) {
        return r.error() == null ? "ok" : r.error().kind().label();
    }

    /** Open file descriptors of this process (Linux); -1 where /proc is not there. */
    static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

}
