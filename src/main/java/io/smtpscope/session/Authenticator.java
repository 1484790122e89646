package io.smtpscope.session;

import io.smtpscope.smtp.ReplyCodes;
import io.smtpscope.smtp.SmtpReply;
import io.smtpscope.smtp.SmtpSession;
import io.smtpscope.smtp.Transcript;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * AUTH (RFC 4954) over an open {@link SmtpConnection}. Before anything secret is sent it checks that
 * the connection is encrypted and the certificate passed ({@link TlsGate}), unless the caller allowed otherwise. Lines
 * carrying a secret reach the transcript only as {@code ***}.
 */
public final class Authenticator {
    /** A mechanism needs at most two challenges; more is a confused or hostile server. */
    private static final int MAX_CHALLENGES = 3;

    private final boolean allowPlaintext;
    private final boolean insecure;

    public Authenticator(boolean allowPlaintext, boolean insecure) {
        this.allowPlaintext = allowPlaintext;
        this.insecure = insecure;
    }

    public AuthOutcome authenticate(SmtpConnection connection, Credentials credentials, Optional<Mechanism> forced)
            throws IOException {
        List<String> offered = connection.extensions().authMechanisms();
        Transcript transcript = connection.session().transcript();
        Optional<TlsGate.Refusal> refusal = new TlsGate(allowPlaintext, insecure).check(connection);
        if (refusal.isPresent()) {
            transcript.note(refusal.get().sentence("credentials"));
            return status(credentials, null, offered, refusal.get().status());
        }
        Mechanism mechanism;
        if (forced.isPresent()) {
            mechanism = forced.get();
            if (!offered.contains(mechanism.saslName())) {
                transcript.note(mechanism + " is not among the mechanisms the server offers " + offered + "; trying it as asked");
            }
        } else if (offered.isEmpty()) {
            return status(credentials, null, offered, AuthStatus.AUTH_NOT_OFFERED);
        } else {
            Optional<Mechanism> chosen = Mechanism.choose(offered, credentials.kind(), connection.encrypted());
            if (chosen.isEmpty()) {
                return status(credentials, null, offered, AuthStatus.NO_COMMON_MECHANISM);
            }
            mechanism = chosen.get();
        }
        SmtpReply reply = new Exchange(connection, credentials, mechanism, offered.contains(mechanism.saslName())).run();
        return fromReply(credentials, mechanism, offered, reply);
    }

    /** One SASL exchange. */
    private static final class Exchange {
        private final SmtpConnection connection;
        private final SmtpSession session;
        private final Credentials credentials;
        private final Mechanism mechanism;
        private final boolean advertised;

        Exchange(SmtpConnection connection, Credentials credentials, Mechanism mechanism, boolean advertised) {
            this.connection = connection;
            this.session = connection.session();
            this.credentials = credentials;
            this.mechanism = mechanism;
            this.advertised = advertised;
        }

        SmtpReply run() throws IOException {
            String auth = "AUTH " + mechanism.saslName();
            // The initial response (RFC 4954 section 4) saves a round trip, but only when the server said it
            // supports the mechanism: otherwise its refusal must come before any secret leaves.
            SmtpReply reply = switch (mechanism) {
                case PLAIN -> initial(auth, Credentials.base64(credentials.plainMessage()));
                case XOAUTH2 -> initial(auth, Credentials.base64(credentials.xoauth2Message()));
                case LOGIN -> login(auth);
                case CRAM_MD5 -> cramMd5(auth);
            };
            // XOAUTH2 reports a failure as a 334 with a base64 JSON error; the client answers with an empty
            // line and the server then sends the real 5xx. Anything else still waiting gets "*" (cancel).
            int rounds = 0;
            while (reply.code() == 334 && rounds++ < MAX_CHALLENGES) {
                reply = mechanism == Mechanism.XOAUTH2 ? plainLine("") : plainLine("*");
            }
            return reply;
        }

        /** PLAIN and XOAUTH2 send everything in one message; long tokens go on their own line (RFC 4954: 12288 octets). */
        private SmtpReply initial(String auth, String response) throws IOException {
            if (advertised && auth.length() + 1 + response.length() <= 998) {
                return session.secretCommand(auth + " " + response, auth, connection.deadline("auth"));
            }
            return startThen(auth, () -> secretLine(response, "***"));
        }

        private interface Step {
            SmtpReply send() throws IOException;
        }

        private SmtpReply startThen(String command, Step next) throws IOException {
            SmtpReply first = session.command(command, connection.deadline("auth"));
            return first.code() == 334 ? next.send() : first;
        }

        /** LOGIN: the server asks "Username:" then "Password:", each in base64; the user name may be shown. */
        private SmtpReply login(String auth) throws IOException {
            SmtpReply reply = session.command(auth, connection.deadline("auth"));
            if (reply.code() != 334) {
                return reply;
            }
            String user = Credentials.base64(credentials.user());
            reply = sendLine(user, user + "   [" + credentials.user() + "]");
            if (reply.code() != 334) {
                return reply;
            }
            return secretLine(Credentials.base64(credentials.secret()), "***   [password]");
        }

        /** CRAM-MD5 (RFC 2195): answer the challenge with "user HEX(HMAC-MD5(password, challenge))". */
        private SmtpReply cramMd5(String auth) throws IOException {
            SmtpReply reply = session.command(auth, connection.deadline("auth"));
            if (reply.code() != 334) {
                return reply;
            }
            byte[] challenge;
            try {
                challenge = Base64.getMimeDecoder().decode(reply.firstLine().strip());
            } catch (IllegalArgumentException e) {
                return plainLine("*");
            }
            return secretLine(Credentials.base64(credentials.user() + " " + hmacMd5(credentials.secret(), challenge)),
                    "***   [" + credentials.user() + " and the HMAC-MD5 of the challenge]");
        }

        private SmtpReply secretLine(String line, String shown) throws IOException {
            return sendLine(line, shown);
        }

        private SmtpReply plainLine(String line) throws IOException {
            return sendLine(line, line);
        }

        /** Writes one SASL response line; the transcript shows {@code shown}, never the line when it is secret. */
        private SmtpReply sendLine(String line, String shown) throws IOException {
            return session.saslResponse(line, shown, "AUTH " + mechanism.saslName() + " (response)", connection.deadline("auth"));
        }
    }

    static String hmacMd5(String key, byte[] challenge) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(challenge));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacMD5", e);
        }
    }

    static AuthOutcome fromReply(Credentials credentials, Mechanism mechanism, List<String> offered, SmtpReply reply) {
        String enhanced = reply.enhancedCode().orElse(null);
        Optional<LoginAdvice.Entry> advice = LoginAdvice.get().forReply(reply.code(), enhanced);
        // The login-specific text when there is one; the generic reply-code meaning otherwise.
        String explanation = advice.map(LoginAdvice.Entry::explanation).orElseGet(() -> ReplyCodes.get().explain(reply));
        AuthStatus status = reply.code() == 235 ? AuthStatus.SUCCESS
                : reply.transientFailure() ? AuthStatus.TEMPORARY_FAILURE : AuthStatus.AUTH_FAILED;
        return new AuthOutcome(credentials.user(), mechanism.saslName(), offered, status, reply.code() == 235,
                reply.code(), enhanced, reply.shownText(), explanation,
                advice.map(LoginAdvice.Entry::causes).orElse(List.of()),
                advice.map(LoginAdvice.Entry::tryNext).orElse(List.of()));
    }

    static AuthOutcome status(Credentials credentials, Mechanism mechanism, List<String> offered, AuthStatus status) {
        LoginAdvice.Entry advice = LoginAdvice.get().forStatus(status.label())
                .orElse(new LoginAdvice.Entry(status.label(), List.of(), List.of()));
        return new AuthOutcome(credentials == null ? null : credentials.user(),
                mechanism == null ? null : mechanism.saslName(), offered, status, false, null, null, null,
                advice.explanation(), advice.causes(), advice.tryNext());
    }
}
