package io.smtpscope.session;

import io.smtpscope.cert.ChainValidator;
import io.smtpscope.target.Endpoint;
import io.smtpscope.net.ProbeSettings;
import io.smtpscope.reproduce.ManualCommands;
import io.smtpscope.smtp.Transcript;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Everything a login or send-test run needs, and the shared run: open the session, authenticate when
 * there are credentials, hand the open session to {@code body}, QUIT. Every protocol line and every text the
 * server sent passes one {@link Redactor} built from the credentials, as it is read (before it is escaped or cut).
 */
public record SessionSetup(Endpoint endpoint, ProbeSettings settings, ChainValidator validator, Clock clock,
                           Credentials credentials, Optional<Mechanism> mechanism, boolean allowPlaintext,
                           boolean insecure) {

    /**
     * What to do once logged in; without credentials, once the same {@link TlsGate} as for credentials let it
     * (TLS verified, or the user's --allow-plaintext / --insecure): a test message deserves no less.
     */
    public interface Body {
        void run(SmtpConnection connection) throws IOException;
    }

    /** The outcome of the shared part; {@code auth} is null when there were no credentials. */
    public record Outcome(SessionInfo session, AuthOutcome auth, SessionError error, List<String> transcript) {
    }

    public Redactor redactor() {
        return credentials == null ? Redactor.none() : Redactor.of(credentials);
    }

    public Outcome run(Body body) {
        Redactor r = redactor();
        Transcript transcript = new Transcript(r);
        SmtpConnection connection = null;
        AuthOutcome auth = null;
        SessionError error = null;
        try {
            connection = new SessionOpener(settings, validator, clock).open(endpoint, transcript);
            Optional<TlsGate.Refusal> refusal = Optional.empty();
            if (credentials != null) {
                auth = new Authenticator(allowPlaintext, insecure).authenticate(connection, credentials, mechanism);
            } else {
                refusal = new TlsGate(allowPlaintext, insecure).check(connection);
            }
            if (refusal.isPresent()) {
                String sentence = refusal.get().sentence("the test message");
                transcript.note(sentence);
                error = new SessionError("security_check", sentence);
            } else if (credentials == null || auth.success()) {
                body.run(connection);
            }
            connection.quit();
        } catch (SessionOpenException f) {
            error = f.error();
        } catch (IOException e) {
            String why = connection != null && connection.deadlinePassed()
                    ? "the total deadline of " + settings.totalTimeout().toSeconds() + " s passed"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            error = new SessionError("session", why);
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        if (credentials != null && auth == null) {
            auth = Authenticator.status(credentials, null, List.of(), AuthStatus.NOT_ATTEMPTED);
        }
        SessionInfo info = new SessionInfo(endpoint.target().given(), endpoint.host(), endpoint.addressText(),
                endpoint.port(), endpoint.target().mode(), connection == null ? null : connection.tls(),
                connection == null ? null : connection.certificate());
        // Server texts in auth and error were masked as they were read; the rest of them is our own prose.
        return new Outcome(info, auth, error, TranscriptView.render(transcript.lines(), r));
    }

    public ManualCommands.Request reproduceRequest(ManualCommands.Step step) {
        return new ManualCommands.Request(endpoint.addressText(), endpoint.port(), endpoint.target().mode(),
                endpoint.nameToCheck(), step, credentials == null ? null : credentials.user(),
                mechanism.map(Mechanism::saslName).orElse(null), null, List.of(), List.of());
    }
}
