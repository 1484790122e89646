package io.smtpscope.monitor;

import io.smtpscope.tls.TlsContexts;
import io.smtpscope.text.Printable;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs a JSON document to a URL, with bounded connect and response times; never follows redirects.
 *
 * <p>The URL is a secret: chat and incident services put the token that lets anyone post in its path or query. Only
 * {@link #where()} (scheme, host and port) is ever printed or logged, including in the errors about a bad URL.
 */
public final class Webhook {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    /**
     * The JDK's trust store and host name check, under the strict TLS policy: the process-wide TLS policy is relaxed
     * for observing mail servers (see TlsContexts), and a report must not travel over TLS 1.0 or RC4 because of it.
     */
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .sslParameters(TlsContexts.strictParameters())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public Webhook(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("webhook URL must be http:// or https:// with a host (got "
                    + (scheme == null ? "no scheme" : "a " + Printable.shorten(Printable.escapeControls(scheme), 20) + ": URL")
                    + (scheme != null && url.getHost() == null ? " without a host" : "") + ")");
        }
        this.url = url;
    }

    /** Parses {@code text}; the error says what is wrong, never the text itself (it may hold the token). */
    public static Webhook parse(String text) {
        try {
            return new Webhook(new URI(text.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL (" + e.getReason()
                    + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "") + ")");
        }
    }

    public URI url() {
        return url;
    }

    /** What may be shown of the URL: {@code https://hooks.example.com} (no user, path, query or fragment). */
    public String where() {
        return url.getScheme() + "://" + (url.getHost().contains(":") && !url.getHost().startsWith("[")
                ? "[" + url.getHost() + "]" : url.getHost()) + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    @Override
    public String toString() {
        return "Webhook[" + where() + "]";
    }

    /** A failed POST in words, with every spelling of the URL in the exception's message replaced by {@link #where()}. */
    public String describe(Exception failure) {
        String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        for (String secret : new String[]{url.toString(), url.getRawPath(), url.getRawQuery(), url.getRawUserInfo()}) {
            if (secret != null && !secret.isEmpty() && !secret.equals("/")) {
                message = message.replace(secret, "...");
            }
        }
        return failure.getClass().getSimpleName() + message;
    }

    /** Returns the HTTP status; throws on a network failure or timeout. */
    public int post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "smtpscope-watch")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
