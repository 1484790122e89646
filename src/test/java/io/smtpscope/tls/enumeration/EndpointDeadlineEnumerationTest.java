package io.smtpscope.tls.enumeration;

import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.Transport;
import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoint's deadline bounds every hello, retry and connection of the enumeration. */
class EndpointDeadlineEnumerationTest {
    private static final List<Integer> SUITES = List.of(0xC02F, 0x002F);

    private static EndpointDeadline passed() {
        return new EndpointDeadline(System.nanoTime() - 1, Duration.ofSeconds(15));
    }

    @Test
    void aPassedDeadlineOpensNothingAndSaysWhy() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, Integer.MAX_VALUE)) {
            HelloRunner runner = new HelloRunner(Runners.FAST, Runners.endpoint(server), 400, Duration.ofMinutes(1), 1,
                    HelloRunner.startTls(Runners.FAST), passed());
            HelloExchange.Outcome.Failed failed = assertInstanceOf(HelloExchange.Outcome.Failed.class,
                    runner.hello(TlsVersion.TLS12, SUITES, List.of()));
            assertEquals("endpoint deadline of 15 s reached", failed.reason());
            assertEquals(0, runner.connections());
            assertEquals(0, server.connections.get());
        }
    }

    @Test
    void whatTheDeadlineLeftUntestedIsSkippedWithTheReason() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, Integer.MAX_VALUE)) {
            EnumerationOutcome outcome = new TlsEnumerator(Runners.FAST, EnumerationDepth.FULL, 400, Duration.ofMinutes(1), 1,
                    HelloRunner.startTls(Runners.FAST)).run(Runners.endpoint(server), null, passed());
            assertEquals(0, outcome.tls().connectionsUsed());
            assertEquals(0, server.connections.get());
            assertTrue(outcome.tls().protocols().values().stream().allMatch(java.util.Objects::isNull), "could not test, not false");
            assertEquals(java.util.Map.of(VersionEnumeration.DIMENSION, "endpoint deadline of 15 s reached"), outcome.tls().untested());
            assertEquals(new Skipped(VersionEnumeration.DIMENSION, Skipped.Why.BUDGET_EXHAUSTED, "endpoint deadline of 15 s reached"),
                    outcome.skipped().get(0));
        }
    }

    @Test
    void aRetryNeverWaitsPastTheDeadline() {
        AtomicInteger opened = new AtomicInteger();
        HelloRunner.Opener refusing = (endpoint, deadline) -> {
            opened.incrementAndGet();
            throw new StartTlsOpener.RefusedException("greeting 421", true);
        };
        long backoff = 60_000;
        io.smtpscope.target.Endpoint nowhere = new io.smtpscope.target.Endpoint(new io.smtpscope.target.Target("127.0.0.1:9",
                "127.0.0.1", 9, io.smtpscope.target.Mode.IMPLICIT_TLS), java.net.InetAddress.getLoopbackAddress(), null);
        HelloRunner runner = new HelloRunner(Runners.FAST, nowhere, 400, Duration.ofMinutes(1), backoff, refusing,
                EndpointDeadline.startingNow(Duration.ofMillis(200)));
        long started = System.nanoTime();
        HelloExchange.Outcome.Failed failed = assertInstanceOf(HelloExchange.Outcome.Failed.class,
                runner.hello(TlsVersion.TLS12, SUITES, List.of()));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(failed.reason().startsWith("endpoint deadline of"), failed.reason());
        assertEquals(1, opened.get(), "the first retry would have come after the deadline");
        assertTrue(elapsedMillis < backoff, () -> "slept " + elapsedMillis + " ms: the backoff outlived the deadline");
    }

    /** A transport the watchdog closed under a read: what the read sees is a closed socket. */
    private static final class ClosedUnderRead implements Transport {
        @Override
        public int read(byte[] buffer, int offset, int len, Deadline deadline) throws SocketException {
            throw new SocketException("Socket closed");
        }

        @Override
        public void write(byte[] data, Deadline deadline) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aConnectionClosedAtTheDeadlineIsATimeOutNotARefusal() {
        Deadline expired = Deadline.of("tls-enumeration", 20_000, System.nanoTime() - 1);
        HelloExchange.Outcome.Failed failed = assertInstanceOf(HelloExchange.Outcome.Failed.class,
                HelloExchange.exchange(new ClosedUnderRead(), new byte[]{22}, TlsVersion.TLS12, expired));
        assertEquals("the endpoint deadline passed before a complete answer", failed.reason());
        // the same close before the deadline: the server would not handshake with this offer
        Deadline running = Deadline.of("tls-enumeration", 20_000, System.nanoTime() + 60_000_000_000L);
        assertInstanceOf(HelloExchange.Outcome.Closed.class,
                HelloExchange.exchange(new ClosedUnderRead(), new byte[]{22}, TlsVersion.TLS12, running));
    }

    @Test
    void theRemainingTimeIsRoundedUpSoATimerNeverFiresEarly() {
        EndpointDeadline deadline = new EndpointDeadline(System.nanoTime() + 1_500_000, Duration.ofSeconds(1));
        assertTrue(deadline.remainingMillis() >= 1 && deadline.remainingMillis() <= 2, () -> deadline.remainingMillis() + " ms");
        assertEquals(0, passed().remainingMillis());
        assertTrue(passed().passed());
    }
}
