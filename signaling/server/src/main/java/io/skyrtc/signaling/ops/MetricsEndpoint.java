package io.skyrtc.signaling.ops;

import io.skyrtc.signaling.limits.IpRanges;

import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.auth.ApiPrincipal;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /metrics}: the Prometheus text format. Readable without a key from {@code server.metrics.allow}
 * (loopback by default, where a node's own Prometheus or agent scrapes); from anywhere else, or through a
 * proxy (X-Forwarded-For / Forwarded present: the proxy's loopback address says nothing about the
 * client), only with an API key of scope {@code metrics} or {@code admin}.
 */
public final class MetricsEndpoint extends Handler.Abstract {
    public static final String PATH = "/metrics";
    /** Prometheus text exposition format 0.0.4, which every Prometheus version reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final IpRanges allow;
    private final ApiKeys apiKeys;
    private final Supplier<String> scrape;

    public MetricsEndpoint(IpRanges allow, ApiKeys apiKeys, Supplier<String> scrape) {
        this.allow = allow;
        this.apiKeys = apiKeys;
        this.scrape = scrape;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            reject(request, response, callback, 405, "method-not-allowed", method + " is not supported here");
            return true;
        }
        if (!allowedWithoutKey(request)) {
            Optional<ApiPrincipal> key = apiKeys.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            if (key.isEmpty()) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                reject(request, response, callback, 401, "unauthorized",
                        "an API key with scope metrics or admin is required from this address");
                return true;
            }
            ApiPrincipal principal = key.get();
            if (!principal.allows("metrics") && !principal.allows("admin")) {
                reject(request, response, callback, 403, "forbidden", "this API key may not use scope 'metrics'");
                return true;
            }
            long waitNanos = principal.admit(System.nanoTime());
            if (waitNanos > 0) {
                long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
                reject(request, response, callback, 429, "rate-limited", "too many requests for this API key");
                return true;
            }
        }
        byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        return true;
    }

    private boolean allowedWithoutKey(Request request) {
        if (request.getHeaders().contains(HttpHeader.X_FORWARDED_FOR) || request.getHeaders().contains(HttpHeader.FORWARDED)) {
            return false;
        }
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null && allow.contains(inet.getAddress());
    }

    /** Answers before reading the body: drain a small one first so the connection stays usable. */
    private static void reject(Request request, Response response, Callback callback, int status, String code,
                               String message) {
        Content.Source.consumeAll(request, Callback.from(
                () -> JsonErrors.write(response, callback, status, code, message),
                x -> JsonErrors.write(response, callback, status, code, message)));
    }
}
