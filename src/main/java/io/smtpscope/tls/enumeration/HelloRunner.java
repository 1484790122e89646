package io.smtpscope.tls.enumeration;

import io.smtpscope.net.ProbeSettings;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.smtp.Transport;
import io.smtpscope.target.Endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sends the enumeration's hellos to one endpoint: one connection carries one hello (a refused hello ends the
 * connection); dimensions running in parallel share it, each with its connections one after another. It owns the budgets (connections and time, and the endpoint's
 * deadline, which every connection ends by), the bounded retries with backoff for failures that may pass (a
 * refused connection, a 421, a time-out), the connection count, and shows every answer to the
 * {@link HelloObservations}.
 */
final class HelloRunner {
    static final int MAX_RETRIES = 3;
    static final long FIRST_BACKOFF_MILLIS = 500;
    /** An SSLv2 CLIENT-HELLO carries cipher kinds of its own; the builder still wants one suite. */
    private static final List<Integer> PLACEHOLDER_SUITES = List.of(0x002F);

    /** Brings a connection to the point where the server expects a ClientHello; see {@link StartTlsOpener#open}. */
    @FunctionalInterface
    interface Opener {
        /** A connection that ends by {@code deadline} at the latest, whatever it is blocked in. */
        Transport open(Endpoint endpoint, EndpointDeadline deadline) throws StartTlsOpener.RefusedException;
    }

    private final ProbeSettings settings;
    private final Endpoint endpoint;
    private final int maxConnections;
    private final Duration budget;
    private final long budgetEndsAt;
    private final long firstBackoffMillis;
    private final Opener opener;
    private final EndpointDeadline deadline;
    private final HelloObservations observations;
    // shared with the lanes: the connection budget is the endpoint's, whichever lane spends it
    private final java.util.concurrent.atomic.AtomicInteger connections;

    /** The budget's clock starts now; so does the endpoint's deadline (the profile's total timeout). */
    HelloRunner(ProbeSettings settings, Endpoint endpoint, int maxConnections, Duration budget, long firstBackoffMillis,
                Opener opener) {
        this(settings, endpoint, maxConnections, budget, firstBackoffMillis, opener,
                EndpointDeadline.startingNow(settings.totalTimeout()));
    }

    /** The budget's clock starts now; no hello, retry or connection goes past {@code deadline}, the endpoint's. */
    HelloRunner(ProbeSettings settings, Endpoint endpoint, int maxConnections, Duration budget, long firstBackoffMillis,
                Opener opener, EndpointDeadline deadline) {
        this(settings, endpoint, maxConnections, budget, System.nanoTime() + budget.toNanos(), firstBackoffMillis, opener,
                deadline, new java.util.concurrent.atomic.AtomicInteger(), new HelloObservations());
    }

    private HelloRunner(ProbeSettings settings, Endpoint endpoint, int maxConnections, Duration budget, long budgetEndsAt,
                        long firstBackoffMillis, Opener opener, EndpointDeadline deadline,
                        java.util.concurrent.atomic.AtomicInteger connections, HelloObservations observations) {
        this.deadline = deadline;
        this.settings = settings;
        this.endpoint = endpoint;
        this.maxConnections = maxConnections;
        this.budget = budget;
        this.budgetEndsAt = budgetEndsAt;
        this.firstBackoffMillis = firstBackoffMillis;
        this.opener = opener;
        this.connections = connections;
        this.observations = observations;
    }

    /**
     * A runner for a dimension running in parallel: the same endpoint, budgets, deadline and connection count,
     * observations of its own, which {@link #adopt} takes over in a fixed order so that the report does not depend
     * on which lane answered first.
     */
    HelloRunner lane() {
        return new HelloRunner(settings, endpoint, maxConnections, budget, budgetEndsAt, firstBackoffMillis, opener,
                deadline, connections, new HelloObservations(true));
    }

    /** Takes over what {@code lane} observed, as if its hellos had come after this runner's. */
    void adopt(HelloRunner lane) {
        observations.adopt(lane.observations);
    }

    /** The one way enumeration connects: SMTP up to STARTTLS, or straight to TLS (RFC 3207, RFC 8314). */
    static Opener startTls(ProbeSettings settings) {
        StartTlsOpener real = new StartTlsOpener(settings);
        return real::open;
    }

    /** One hello on a connection of its own, retried a bounded number of times when the failure may pass. */
    HelloExchange.Outcome hello(TlsVersion v, List<Integer> suiteCodes, List<Integer> groupCodes) {
        HelloExchange.Outcome outcome = new HelloExchange.Outcome.Failed("not tried", false);
        long backoff = firstBackoffMillis;
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
            Optional<String> exhausted = exhausted();
            if (exhausted.isPresent()) {
                return new HelloExchange.Outcome.Failed(exhausted.get(), false);
            }
            if (attempt > 0) {
                // the backoff never sleeps past the deadline, and nothing goes out once it has passed
                if (!sleep(Math.min(backoff, deadline.remainingMillis()))) {
                    return outcome;
                }
                exhausted = exhausted();
                if (exhausted.isPresent()) {
                    return new HelloExchange.Outcome.Failed(exhausted.get(), false);
                }
            }
            backoff *= 2;
            outcome = once(v, suiteCodes, groupCodes);
            if (!(outcome instanceof HelloExchange.Outcome.Failed f) || !f.retry()) {
                break;
            }
        }
        observations.observe(outcome);
        return outcome;
    }

    /** Why no further hello may go out, or empty while the budgets and the endpoint's deadline last. */
    Optional<String> exhausted() {
        if (connections.get() >= maxConnections) {
            return Optional.of("connection budget exhausted (" + maxConnections + " connections)");
        }
        if (deadline.passed()) {
            return Optional.of(deadline.describe() + " reached");
        }
        if (System.nanoTime() - budgetEndsAt > 0) {
            return Optional.of("time budget exhausted (" + budget.toSeconds() + " s)");
        }
        return Optional.empty();
    }

    int connections() {
        return connections.get();
    }

    HelloObservations observations() {
        return observations;
    }

    private HelloExchange.Outcome once(TlsVersion v, List<Integer> suiteCodes, List<Integer> groupCodes) {
        byte[] hello = new ClientHelloBuilder().version(v).suites(suiteCodes.isEmpty() ? PLACEHOLDER_SUITES : suiteCodes)
                .serverName(endpoint.serverName()).groups(groupCodes).keyShares(List.of()).build();
        connections.incrementAndGet();
        Transport transport;
        try {
            transport = opener.open(endpoint, deadline);
        } catch (StartTlsOpener.RefusedException e) {
            return new HelloExchange.Outcome.Failed(e.getMessage(), e.transientFailure());
        }
        try {
            return HelloExchange.exchange(transport, hello, v, deadline.phase("tls-enumeration", settings.tlsTimeout().toMillis()));
        } finally {
            transport.close();
        }
    }

    private static boolean sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
