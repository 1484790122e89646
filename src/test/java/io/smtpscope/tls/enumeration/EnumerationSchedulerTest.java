package io.smtpscope.tls.enumeration;

import io.smtpscope.result.TlsResult;
import io.smtpscope.target.Endpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Runs what is ready, and says why for everything it did not run. */
class EnumerationSchedulerTest {
    /** An enumeration that only notes that it ran, and answers {@code outcome}. */
    private record Stub(String dimension, List<Requirement> requirements, List<String> ran, Optional<String> outcome)
            implements Enumeration {
        Stub(String dimension, List<String> ran, Requirement... requirements) {
            this(dimension, List.of(requirements), ran, Optional.empty());
        }

        @Override
        public Optional<String> run(EnumerationContext context) {
            ran.add(dimension);
            return outcome;
        }
    }

    private static final Requirement NEVER = context -> new Requirement.Status.Unmet("the moon is not full");

    /** A context whose runner must never connect: the stubs send no hello. */
    private static EnumerationContext context(int maxConnections) {
        HelloRunner runner = new HelloRunner(Runners.FAST, null, maxConnections, Duration.ofMinutes(1), 1,
                (endpoint, deadline) -> {
                    throw new AssertionError("no connection expected");
                });
        return new EnumerationContext(runner, EnumerationDepth.FULL);
    }

    @Test
    void runsWhatIsReadyWhateverTheListOrder() {
        List<String> ran = new ArrayList<>();
        List<Skipped> skipped = EnumerationScheduler.run(List.of(
                new Stub("c", ran, Requirement.after("b")),
                new Stub("b", ran, Requirement.after("a")),
                new Stub("a", ran)), context(400));
        assertEquals(List.of("a", "b", "c"), ran);
        assertEquals(List.of(), skipped);
    }

    @Test
    void anUnmetRequirementSkipsWithItsReasonAndStillSettles() {
        List<String> ran = new ArrayList<>();
        List<Skipped> skipped = EnumerationScheduler.run(List.of(
                new Stub("a", ran, NEVER),
                new Stub("b", ran, Requirement.after("a"))), context(400));
        assertEquals(List.of("b"), ran, "b only waited for a to be settled, run or not");
        assertEquals(List.of(new Skipped("a", Skipped.Why.REQUIREMENT_NOT_MET, "the moon is not full")), skipped);
    }

    @Test
    void theFirstUnmetRequirementIsTheReason() {
        List<Skipped> skipped = EnumerationScheduler.run(List.of(new Stub("a", new ArrayList<>(),
                Requirement.after("nobody"), NEVER, context -> new Requirement.Status.Unmet("second"))), context(400));
        assertEquals("the moon is not full", skipped.get(0).reason(), "unmet wins over waiting: it is final");
    }

    @Test
    void couldNotTestIsReportedAfterTheRun() {
        List<String> ran = new ArrayList<>();
        List<Skipped> skipped = EnumerationScheduler.run(List.of(
                new Stub("a", List.of(), ran, Optional.of("greeting 421"))), context(400));
        assertEquals(List.of("a"), ran);
        assertEquals("could not test: greeting 421", skipped.get(0).reason());
        assertEquals(Skipped.Why.COULD_NOT_TEST, skipped.get(0).why());
    }

    @Test
    void waitingOnADimensionNobodyRunsEndsAsASkip() {
        List<String> ran = new ArrayList<>();
        List<Skipped> skipped = EnumerationScheduler.run(List.of(new Stub("a", ran, Requirement.after("nobody"))), context(400));
        assertEquals(List.of(), ran);
        assertEquals(List.of(new Skipped("a", Skipped.Why.REQUIREMENT_NOT_MET, "nobody never ran")), skipped);
    }

    @Test
    void aSpentBudgetSkipsWhatWasReady() {
        List<String> ran = new ArrayList<>();
        List<Skipped> skipped = EnumerationScheduler.run(List.of(new Stub("a", ran), new Stub("b", ran, NEVER)), context(0));
        assertEquals(List.of(), ran);
        assertEquals(List.of(new Skipped("a", Skipped.Why.BUDGET_EXHAUSTED, "connection budget exhausted (0 connections)"),
                new Skipped("b", Skipped.Why.REQUIREMENT_NOT_MET, "the moon is not full")), skipped);
    }

    // The real dimensions, against the scripted TLS 1.2-only server.

    private static final List<Integer> SERVER_SUITES = List.of(0xC030, 0xC02F, 0x009C, 0x002F);

    private static EnumerationOutcome run(FakeTls12Server server, EnumerationDepth depth, int maxConnections) {
        Endpoint endpoint = Runners.endpoint(server);
        return new TlsEnumerator(Runners.FAST, depth, maxConnections, Duration.ofMinutes(1), 1).run(endpoint, null);
    }

    private static Skipped notMet(String dimension, String reason) {
        return new Skipped(dimension, Skipped.Why.REQUIREMENT_NOT_MET, reason);
    }

    @Test
    void tls12OnlyServerSaysWhyEachDimensionWasLeftOut() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SERVER_SUITES, true, Integer.MAX_VALUE)) {
            EnumerationOutcome outcome = run(server, EnumerationDepth.FULL, 400);
            assertEquals(List.of(
                    notMet("TLS 1.3 suites and groups", "TLSv1.3 not accepted"),
                    notMet("cipher suites TLSv1.1", "TLSv1.1 not accepted"),
                    notMet("cipher suites TLSv1", "TLSv1 not accepted"),
                    notMet("cipher suites SSLv3", "SSLv3 not accepted"),
                    // the scripted server sends no ServerKeyExchange
                    new Skipped("ECDHE curves", Skipped.Why.COULD_NOT_TEST, "no ECDHE curve in the answer")),
                    outcome.skipped());
            assertEquals(4, outcome.tls().cipherSuites().get("TLSv1.2").size());
            assertNull(outcome.tls().curves());
        }
    }

    @Test
    void versionsOnlyDepthSkipsEveryOtherDimension() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SERVER_SUITES, true, Integer.MAX_VALUE)) {
            EnumerationOutcome outcome = run(server, EnumerationDepth.PROTOCOLS, 400);
            List<Skipped> expected = new ArrayList<>();
            for (String dimension : List.of("TLS 1.3 suites and groups", "cipher suites TLSv1.2", "cipher suites TLSv1.1",
                    "cipher suites TLSv1", "cipher suites SSLv3", "ECDHE curves")) {
                expected.add(notMet(dimension, "depth is versions-only"));
            }
            assertEquals(expected, outcome.skipped());
            assertEquals(6, outcome.tls().connectionsUsed());
        }
    }

    @Test
    void budgetSpentOnVersionsSkipsTheSuitesAndWhatNeedsThem() throws Exception {
        try (FakeTls12Server server = new FakeTls12Server(SERVER_SUITES, true, Integer.MAX_VALUE)) {
            EnumerationOutcome outcome = run(server, EnumerationDepth.FULL, 6);
            assertEquals(new Skipped("cipher suites TLSv1.2", Skipped.Why.BUDGET_EXHAUSTED,
                    "connection budget exhausted (6 connections)"), outcome.skipped().get(1));
            assertEquals(notMet("ECDHE curves", "no TLS 1.2-or-below version accepted an ECDHE suite"),
                    outcome.skipped().get(outcome.skipped().size() - 1));
            TlsResult tls = outcome.tls();
            assertEquals(true, tls.protocols().get("TLSv1.2"));
            assertEquals(Map.of(), tls.cipherSuites(), "no list rather than a guessed one");
            assertEquals(6, tls.connectionsUsed());
        }
    }
}
