package io.smtpscope.https;

import io.smtpscope.cert.TrustAnchors;
import io.smtpscope.result.CertificateResult;
import io.smtpscope.result.HttpsFetchStatus;
import io.smtpscope.result.PolicyFetch;
import io.smtpscope.text.Printable;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one small file over HTTPS the way RFC 8461 section 3.3 asks a sender to fetch an MTA-STS policy: GET
 * with the JDK HTTP client, redirects never followed (a 3xx is reported with its Location), no proxy, a
 * certificate valid for the host under the scan's trust anchors ({@link CheckingTrustManager}), at most
 * {@code maxBytes} of body (reading stops at one byte more), and one deadline for the whole fetch: the caller
 * waits at most {@code total} plus a second, whatever the server does. A fetch never throws: every failure is a
 * status with an error in plain words.
 *
 * <p>With {@code addresses} given (the scan's {@code --dns-server}), the host is resolved through it first and
 * pinned for the fetch ({@link PinnedNames}); without, the JDK resolves it as the system does.
 */
public final class HttpsFetcher {
    /** How the host's addresses are found: {@code DnsClient::addresses} fits. */
    @FunctionalInterface
    public interface HostAddresses {
        List<InetAddress> addresses(String host) throws UnknownHostException;
    }

    private final TrustAnchors anchors;
    private final HostAddresses addresses;
    private final Duration connectTimeout;
    private final Duration total;
    private final int maxBytes;

    /** {@code addresses}: null to let the system resolve. */
    public HttpsFetcher(TrustAnchors anchors, HostAddresses addresses, Duration connectTimeout, Duration total, int maxBytes) {
        if (maxBytes < 1 || connectTimeout.isNegative() || connectTimeout.isZero() || total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("fetch bounds must be positive");
        }
        this.anchors = anchors;
        this.addresses = addresses;
        this.connectTimeout = connectTimeout;
        this.total = total;
        this.maxBytes = maxBytes;
    }

    public HttpsResponse fetch(String host, String path) {
        return fetch(host, 443, path);
    }

    /** Another port than 443: for tests only (RFC 8461 policy hosts listen on 443). */
    HttpsResponse fetch(String host, int port, String path) {
        String url = "https://" + host + (port == 443 ? "" : ":" + port) + path;
        if (addresses == null) {
            return exchange(host, url);
        }
        List<InetAddress> found;
        try {
            found = addresses.addresses(host);
        } catch (UnknownHostException | RuntimeException e) {
            return failed(url, HttpsFetchStatus.HOST_NOT_FOUND, null, host + " does not resolve: " + e.getMessage());
        }
        try (PinnedNames.Pin pin = PinnedNames.pin(host, found)) {
            return exchange(host, url);
        }
    }

    private HttpsResponse exchange(String host, String url) {
        CheckingTrustManager trust = new CheckingTrustManager(anchors, host);
        SSLContext context;
        URI uri;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            uri = URI.create(url);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return failed(url, HttpsFetchStatus.NOT_FETCHED, null, "cannot fetch " + url + ": " + e.getMessage());
        }
        HttpClient client = HttpClient.newBuilder().sslContext(context).followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(total)
                    .header("User-Agent", "smtpscope (MTA-STS policy check)").build();
            CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request,
                    info -> new BoundedBody(info.statusCode() == 200 ? maxBytes : 0));
            try {
                return read(url, future.get(total.toMillis() + 1_000, TimeUnit.MILLISECONDS), trust);
            } catch (TimeoutException e) {
                future.cancel(true);
                return failed(url, HttpsFetchStatus.TIMEOUT, trust, "no complete answer within " + total.toMillis() + " ms");
            } catch (ExecutionException e) {
                return failure(url, e.getCause(), trust);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(url, HttpsFetchStatus.TIMEOUT, trust, "interrupted");
            }
        } finally {
            client.shutdownNow();
        }
    }

    private HttpsResponse read(String url, HttpResponse<byte[]> response, CheckingTrustManager trust) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("content-type").map(HttpsFetcher::clean).orElse(null);
        String location = response.headers().firstValue("location").map(HttpsFetcher::clean).orElse(null);
        byte[] body = response.body() == null ? new byte[0] : response.body();
        CertificateResult verdict = trust.verdict();
        Boolean valid = verdict == null ? null : CheckingTrustManager.acceptable(verdict);
        String certError = verdict == null ? null : CheckingTrustManager.problem(verdict);
        HttpsFetchStatus outcome;
        String error = null;
        if (status >= 300 && status < 400) {
            outcome = HttpsFetchStatus.REDIRECT;
            error = "HTTP " + status + " redirect (not followed)";
        } else if (status != 200) {
            outcome = HttpsFetchStatus.HTTP_ERROR;
            error = "HTTP " + status;
        } else if (body.length > maxBytes) {
            outcome = HttpsFetchStatus.TOO_LARGE;
            error = "the body exceeds " + maxBytes + " bytes (reading stopped)";
        } else {
            outcome = HttpsFetchStatus.OK;
        }
        PolicyFetch facts = new PolicyFetch(url, outcome, status, contentType, body.length, valid, certError, location, error);
        return new HttpsResponse(facts, outcome == HttpsFetchStatus.OK ? body : null);
    }

    private HttpsResponse failure(String url, Throwable cause, CheckingTrustManager trust) {
        CertificateResult verdict = trust.verdict();
        if (verdict != null && !CheckingTrustManager.acceptable(verdict)) {
            return failed(url, HttpsFetchStatus.CERTIFICATE_INVALID, trust, CheckingTrustManager.problem(verdict));
        }
        String message = describe(cause);
        HttpsFetchStatus status;
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            status = HttpsFetchStatus.TIMEOUT;
        } else if (cause instanceof SSLHandshakeException) {
            status = HttpsFetchStatus.TLS_FAILED;
        } else if (hasCause(cause, UnresolvedAddressException.class) || hasCause(cause, UnknownHostException.class)) {
            status = HttpsFetchStatus.HOST_NOT_FOUND;
        } else if (cause instanceof ConnectException) {
            status = HttpsFetchStatus.CONNECT_FAILED;
        } else if (cause instanceof IOException && hasCause(cause, javax.net.ssl.SSLException.class)) {
            status = HttpsFetchStatus.TLS_FAILED;
        } else {
            status = HttpsFetchStatus.CONNECT_FAILED;
        }
        return failed(url, status, trust, message);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return clean(c.getMessage());
            }
        }
        return cause == null ? "unknown error" : cause.getClass().getSimpleName();
    }

    private static HttpsResponse failed(String url, HttpsFetchStatus status, CheckingTrustManager trust, String error) {
        CertificateResult verdict = trust == null ? null : trust.verdict();
        Boolean valid = verdict == null ? null : CheckingTrustManager.acceptable(verdict);
        String certError = verdict == null ? null : CheckingTrustManager.problem(verdict);
        return new HttpsResponse(new PolicyFetch(url, status, null, null, 0, valid, certError, null, clean(error)), null);
    }

    /** A header or message from the network: bounded and escaped. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String bounded = text.length() > 512 ? text.substring(0, 512) + "..." : text;
        return Printable.escapeControls(bounded);
    }
}
