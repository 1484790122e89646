package io.smtpscope.monitor;

import io.smtpscope.tls.TlsContexts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** POSTs a JSON document to a URL, with bounded connect and response times; never follows redirects. */
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
            throw new IllegalArgumentException("webhook URL must be http:// or https:// with a host (got '" + url + "')");
        }
        this.url = url;
    }

    public URI url() {
        return url;
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
