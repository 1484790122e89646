package io.smtpscope.tls.enumeration;

import io.smtpscope.net.ConnectionSlots;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.result.TlsResult;
import io.smtpscope.smtp.Transport;
import io.smtpscope.target.Endpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enumeration with dimensions in parallel on borrowed connection slots, against the real Postfix variants: the
 * result is the one of one hello at a time (suites, order, curves, certificates, connections), and no more
 * connections are open at once than the endpoint's own slot plus what was lent.
 */
class ParallelEnumerationTest {
    private static final ProbeSettings SETTINGS = ProbeSettings.defaults().withTimeouts(Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30));
    private TlsVariants variants;

    @BeforeEach
    void requireVariants() {
        variants = TlsVariants.require();
    }

    /** Counts the connections open at once, through the one opener enumeration uses. */
    private static final class Counting {
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final HelloRunner.Opener real = HelloRunner.startTls(SETTINGS);

        Transport open(Endpoint endpoint, EndpointDeadline deadline) throws StartTlsOpener.RefusedException {
            peak.accumulateAndGet(open.incrementAndGet(), Math::max);
            Transport transport;
            try {
                transport = real.open(endpoint, deadline);
            } catch (StartTlsOpener.RefusedException | RuntimeException e) {
                open.decrementAndGet();
                throw e;
            }
            return new Transport() {
                @Override
                public int read(byte[] buffer, int offset, int len, io.smtpscope.smtp.Deadline deadline)
                        throws java.io.IOException {
                    return transport.read(buffer, offset, len, deadline);
                }

                @Override
                public void write(byte[] data, io.smtpscope.smtp.Deadline deadline) throws java.io.IOException {
                    transport.write(data, deadline);
                }

                @Override
                public void close() {
                    transport.close();
                    open.decrementAndGet();
                }
            };
        }
    }

    private TlsResult enumerate(int port, ConnectionSlots slots, Counting counting) throws Exception {
        TlsEnumerator enumerator = new TlsEnumerator(SETTINGS, EnumerationDepth.FULL, 400, Duration.ofMinutes(5),
                HelloRunner.FIRST_BACKOFF_MILLIS, counting::open);
        return enumerator.run(variants.endpoint(port), null, EndpointDeadline.startingNow(Duration.ofMinutes(2)), slots).tls();
    }

    @Test
    void parallelLanesFindWhatOneAtATimeFinds() throws Exception {
        for (int port : new int[] {variants.legacyPort(), variants.modernPort()}) {
            Counting sequential = new Counting();
            TlsResult alone = enumerate(port, ConnectionSlots.NONE, sequential);
            assertEquals(1, sequential.peak.get(), "without a lent slot, one connection at a time");

            Semaphore lendable = new Semaphore(1);
            AtomicInteger lent = new AtomicInteger();
            ConnectionSlots oneMore = () -> {
                if (!lendable.tryAcquire()) {
                    return Optional.empty();
                }
                lent.incrementAndGet();
                return Optional.of(lendable::release);
            };
            Counting parallel = new Counting();
            TlsResult together = enumerate(port, oneMore, parallel);
            assertTrue(lent.get() > 0, "a slot was borrowed on port " + port);
            assertTrue(parallel.peak.get() <= 2, "own slot + one lent, at most: " + parallel.peak.get());
            assertEquals(alone, together, "port " + port);
        }
    }
}
