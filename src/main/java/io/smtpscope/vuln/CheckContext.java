package io.smtpscope.vuln;

import io.smtpscope.net.DialGoal;
import io.smtpscope.net.Dialed;
import io.smtpscope.net.EndpointDeadline;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.net.SmtpDialer;
import io.smtpscope.result.ProbeObservation;
import io.smtpscope.result.TlsResult;
import io.smtpscope.smtp.Deadline;
import io.smtpscope.smtp.Transcript;
import io.smtpscope.smtp.Transport;
import io.smtpscope.target.Endpoint;
import io.smtpscope.tls.enumeration.StartTlsOpener;

import java.util.Optional;

/**
 * What a check may use on one endpoint: the probe's and the enumeration's findings (read-only), the endpoint's
 * deadline, and connections — only through the scan's {@link SmtpDialer}, each one counted against the checks'
 * connection budget and ended by the deadline whatever it is blocked in. Confined to one thread.
 */
public final class CheckContext {
    private final Endpoint endpoint;
    private final ProbeSettings settings;
    private final ProbeObservation probe;
    private final TlsResult tls;
    private final EndpointDeadline deadline;
    private final Budget budget;
    private final SmtpDialer dialer;
    private final StartTlsOpener opener;
    private int used;

    CheckContext(Endpoint endpoint, ProbeSettings settings, ProbeObservation probe, TlsResult tls,
                 EndpointDeadline deadline, Budget budget) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.probe = probe;
        this.tls = tls;
        this.deadline = deadline;
        this.budget = budget;
        this.dialer = new SmtpDialer(settings);
        this.opener = new StartTlsOpener(settings);
    }

    /** The connections left to all checks of one endpoint: politeness, shared by every check. */
    static final class Budget {
        private int left;

        Budget(int connections) {
            this.left = connections;
        }

        int left() {
            return left;
        }
    }

    /** No connection was opened: the budget or the deadline ran out, or the server refused the dial. */
    public static final class NoConnection extends Exception {
        NoConnection(String message) {
            super(message);
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public ProbeSettings settings() {
        return settings;
    }

    /** What the endpoint probe saw (SMTP dialogue, negotiated TLS, certificate). */
    public ProbeObservation probe() {
        return probe;
    }

    /** The TLS facts with the enumeration's results (null fields where it did not run). */
    public TlsResult tls() {
        return tls;
    }

    public EndpointDeadline deadline() {
        return deadline;
    }

    /** A phase bounded by the profile's TLS timeout and the endpoint's deadline. */
    public Deadline tlsPhase(String phase) {
        return deadline.phase(phase, settings.tlsTimeout().toMillis());
    }

    /**
     * A new connection where the server expects a ClientHello (after the 220 to STARTTLS, or at once on an
     * implicit-TLS port): the dialer's {@link DialGoal#TLS_READY}. Closing the transport ends the connection.
     */
    public Transport openTls() throws NoConnection {
        take();
        try {
            return opener.open(endpoint, deadline);
        } catch (StartTlsOpener.RefusedException e) {
            throw new NoConnection("could not reach TLS: " + e.getMessage());
        }
    }

    /** A new dial to {@code goal}; the caller closes it. Its failures are data in the returned {@link Dialed}. */
    public Dialed dial(DialGoal goal, Transcript transcript) throws NoConnection {
        take();
        return dialer.dial(endpoint, goal, transcript, deadline);
    }

    /** Connections this check opened. */
    public int connections() {
        return used;
    }

    /** Why no further connection may be opened, or empty. */
    public Optional<String> exhausted() {
        if (budget.left <= 0) {
            return Optional.of("connection budget of the vulnerability checks exhausted");
        }
        if (deadline.passed()) {
            return Optional.of(deadline.describe() + " reached");
        }
        return Optional.empty();
    }

    /**
     * Counts a connection the check opens through another door of the same dialer (the session opener of login
     * and send-test, which a check needing AUTH uses); throws, opening nothing, when the budget or deadline is out.
     */
    public void reserveConnection() throws NoConnection {
        take();
    }

    private void take() throws NoConnection {
        Optional<String> why = exhausted();
        if (why.isPresent()) {
            throw new NoConnection(why.get());
        }
        budget.left--;
        used++;
    }
}
