package io.smtpscope.tls.enumeration;

import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.smtp.Transport;
import io.smtpscope.target.Endpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One connection per hello; retries only for failures that may pass, within the connection and time budgets. */
class HelloRunnerTest {
    private static final List<Integer> SUITES = List.of(0xC02F, 0x002F);

    /** Fails the first {@code failures} opens with {@code failure}, then opens for real; counts every call. */
    private static final class FlakyOpener implements HelloRunner.Opener {
        final AtomicInteger calls = new AtomicInteger();
        private final int failures;
        private final StartTlsOpener.RefusedException failure;

        FlakyOpener(int failures, StartTlsOpener.RefusedException failure) {
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public Transport open(Endpoint endpoint, EndpointDeadline deadline) throws StartTlsOpener.RefusedException {
            if (calls.incrementAndGet() <= failures) {
                throw failure;
            }
            return HelloRunner.startTls(Runners.FAST).open(endpoint, deadline);
        }
    }

    private static HelloExchange.Outcome tls12Hello(HelloRunner runner) {
        return runner.hello(TlsVersion.TLS12, SUITES, HelloOffers.allGroups(TlsVersion.TLS12));
    }

    @Test
    void transientRefusalsAreRetriedUntilTheServerAnswers() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, Integer.MAX_VALUE)) {
            FlakyOpener opener = new FlakyOpener(2, new StartTlsOpener.RefusedException("greeting 421", true));
            HelloRunner runner = Runners.to(Runners.endpoint(server), opener);
            assertTrue(tls12Hello(runner).accepted(TlsVersion.TLS12).isPresent());
            assertEquals(3, runner.connections(), "two refused, the third answered");
            assertEquals(3, opener.calls.get());
            assertEquals(1, server.connections.get());
        }
    }

    @Test
    void retriesAreBoundedAndBackOff() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, Integer.MAX_VALUE)) {
            FlakyOpener opener = new FlakyOpener(Integer.MAX_VALUE, new StartTlsOpener.RefusedException("connection-refused during connect", true));
            HelloRunner runner = new HelloRunner(Runners.FAST, Runners.endpoint(server), 400, Duration.ofMinutes(1), 20, opener);
            long started = System.nanoTime();
            HelloExchange.Outcome outcome = tls12Hello(runner);
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            HelloExchange.Outcome.Failed failed = assertInstanceOf(HelloExchange.Outcome.Failed.class, outcome);
            assertEquals("connection-refused during connect", failed.reason());
            assertEquals(1 + HelloRunner.MAX_RETRIES, runner.connections());
            assertEquals(1 + HelloRunner.MAX_RETRIES, opener.calls.get());
            assertTrue(elapsedMillis >= 20 + 40 + 80, "backoff doubles from the first: " + elapsedMillis + " ms");
        }
    }

    @Test
    void permanentRefusalIsNotRetried() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, Integer.MAX_VALUE)) {
            FlakyOpener opener = new FlakyOpener(1, new StartTlsOpener.RefusedException("greeting 554", false));
            HelloRunner runner = Runners.to(Runners.endpoint(server), opener);
            HelloExchange.Outcome.Failed failed = assertInstanceOf(HelloExchange.Outcome.Failed.class, tls12Hello(runner));
            assertEquals("greeting 554", failed.reason());
            assertFalse(failed.retry());
            assertEquals(1, runner.connections());
        }
    }

    @Test
    void connectionBudgetStopsRetriesAndLaterHellos() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, Integer.MAX_VALUE)) {
            FlakyOpener opener = new FlakyOpener(Integer.MAX_VALUE, new StartTlsOpener.RefusedException("greeting 421", true));
            HelloRunner runner = new HelloRunner(Runners.FAST, Runners.endpoint(server), 2, Duration.ofMinutes(1), 1, opener);
            HelloExchange.Outcome.Failed failed = assertInstanceOf(HelloExchange.Outcome.Failed.class, tls12Hello(runner));
            assertEquals("connection budget exhausted (2 connections)", failed.reason());
            assertEquals(2, opener.calls.get());
            assertTrue(runner.exhausted().isPresent());
            assertInstanceOf(HelloExchange.Outcome.Failed.class, tls12Hello(runner));
            assertEquals(2, runner.connections(), "no connection once the budget is spent");
        }
    }

    @Test
    void spentTimeBudgetOpensNothing() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SUITES, true, Integer.MAX_VALUE)) {
            Endpoint endpoint = Runners.endpoint(server);
            HelloRunner runner = new HelloRunner(Runners.FAST, endpoint, 400, Duration.ofSeconds(-1), 1,
                    HelloRunner.startTls(Runners.FAST));
            HelloExchange.Outcome.Failed failed = assertInstanceOf(HelloExchange.Outcome.Failed.class, tls12Hello(runner));
            assertTrue(failed.reason().startsWith("time budget exhausted"), failed.reason());
            assertEquals(0, runner.connections());
            assertEquals(0, server.connections.get());
        }
    }

    @Test
    void everyAnswerIsObservedWhateverItsHelloAsked() throws Exception {
        try (ScriptedTlsServer server = new ScriptedTlsServer(offer -> ScriptedTlsServer.flight(0x0303, 0xC02F,
                ScriptedTlsServer.pick(List.of(24, 23), offer.groups())))) {
            HelloRunner runner = Runners.to(server.endpoint());
            runner.hello(TlsVersion.TLS12, SUITES, List.of(23));
            runner.hello(TlsVersion.TLS12, SUITES, HelloOffers.allGroups(TlsVersion.TLS12));
            assertNull(runner.observations().dhBits(), "no DHE suite chosen");
            assertFalse(runner.observations().extensions().secureRenegotiation(), "the scripted hello has no extensions");
            assertEquals(2, runner.connections());
        }
    }
}
