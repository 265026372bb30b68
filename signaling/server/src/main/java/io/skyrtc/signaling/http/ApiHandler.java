package io.skyrtc.signaling.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.auth.ApiPrincipal;
import io.skyrtc.signaling.limits.ClientAddress;
import io.skyrtc.signaling.limits.KeyedRateLimiter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API: a registry of endpoints keyed by method and path. Unknown paths fall through to
 * the next handler (the demo's static files); a known path with another method is a 405.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Oversize bodies up to this size are drained before the 413 so the client reads it. */
    static final long MAX_DRAIN_BYTES = 1024 * 1024;

    private record Route(HttpEndpoint endpoint, boolean needsApiKey) {}

    private final Map<String, Map<String, Route>> routes = new HashMap<>();
    private final ObjectMapper mapper;
    private final ApiKeys apiKeys;
    private KeyedRateLimiter authFailures;
    private ClientAddress clients;

    public ApiHandler(ObjectMapper mapper, ApiKeys apiKeys) {
        this.mapper = mapper;
        this.apiKeys = apiKeys;
    }

    /** HTTP bodies are strict: an unknown field is a typo the caller must hear about (400). */
    public static ObjectMapper strictMapper() {
        return com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /**
     * The mapper for request bodies: {@link #strictMapper()} with strict types too (a string is never
     * read as a number or boolean, nor a number as a string or a fraction as an integer; null is not
     * false) and duplicate keys refused.
     */
    public static ObjectMapper requestMapper() {
        ObjectMapper m = strictMapper();
        m.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        refuse(m, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(m, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(m, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float);
        refuse(m, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        return m;
    }

    private static void refuse(ObjectMapper m, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            m.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    public ApiHandler open(String method, String path, HttpEndpoint endpoint) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, new Route(endpoint, false));
        return this;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /**
     * Every 401 costs the client address a token of {@code limiter}; an address without tokens gets 429
     * on every authenticated call (API-key routes, any request with an Authorization header) before its
     * credentials are even looked at, so keys and tokens cannot be guessed at line rate.
     */
    /**
     * Limits failed authentications per client address; behind {@code server.trustedProxies} the client is
     * read from X-Forwarded-For, so one attacker cannot spend the budget of everyone behind the proxy.
     */
    public ApiHandler limitAuthFailures(KeyedRateLimiter limiter, ClientAddress clients) {
        this.authFailures = limiter;
        this.clients = clients;
        return this;
    }

    public ApiHandler withApiKey(String method, String path, HttpEndpoint endpoint) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, new Route(endpoint, true));
        return this;
    }

    /** Every failure of ours is a JSON 500 (never Jetty's page, never a request left hanging). */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            return route(request, response, callback);
        } catch (RuntimeException | Error e) {
            LOG.error("API request failed", e);
            writeError(response, callback, internal());
            return true;
        }
    }

    private static HttpError internal() {
        return new HttpError(500, "internal", "internal error", null, null);
    }

    private boolean route(Request request, Response response, Callback callback) {
        Map<String, Route> byMethod = routes.get(Request.getPathInContext(request));
        if (byMethod == null) {
            return false;
        }
        Route route = byMethod.get(request.getMethod());
        if (route == null && HttpMethod.HEAD.is(request.getMethod())) {
            route = byMethod.get("GET");
        }
        if (route == null) {
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", byMethod.keySet()));
            rejectUnread(request, response, callback, new HttpError(405, "method-not-allowed",
                    request.getMethod() + " is not supported here", null, null));
            return true;
        }
        boolean authenticates = route.needsApiKey() || request.getHeaders().contains(HttpHeader.AUTHORIZATION);
        if (authFailures != null && authenticates) {
            long wait = authFailures.blockedFor(clientKey(request), System.nanoTime());
            if (wait > 0) {
                rejectUnread(request, response, callback, HttpError.tooManyFailures(wait));
                return true;
            }
        }
        ApiPrincipal principal = null;
        if (route.needsApiKey()) {
            Optional<ApiPrincipal> found = apiKeys.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            if (found.isEmpty()) {
                rejectUnread(request, response, callback, HttpError.unauthorized());
                return true;
            }
            principal = found.get();
            long waitNanos = principal.admit(System.nanoTime());
            if (waitNanos > 0) {
                rejectUnread(request, response, callback, HttpError.rateLimited(waitNanos));
                return true;
            }
        }
        long length = request.getLength();
        if (length > MAX_BODY_BYTES) {
            rejectTooLarge(request, response, callback, length);
            return true;
        }
        ApiPrincipal authenticated = principal;
        Route r = route;
        Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES).whenComplete((body, failure) -> {
            if (failure != null) {
                rejectTooLarge(request, response, callback, -1);
                return;
            }
            respond(r, new HttpCall(body, authenticated, mapper,
                    request.getHeaders().get(HttpHeader.AUTHORIZATION)), response, callback);
        });
        return true;
    }

    /**
     * 413. A body of moderate declared size is read and discarded first: answering before the client
     * has finished sending makes the close reset the connection, and the client never sees the 413.
     */
    private void rejectTooLarge(Request request, Response response, Callback callback, long declaredLength) {
        drainThenReject(request, response, callback, declaredLength, new HttpError(413, "too-large",
                "request body is larger than " + MAX_BODY_BYTES + " bytes", null, null));
    }

    /**
     * An answer given before the body was read (401, 405, 429): drain the body first, or the
     * connection cannot be reused and a client's next request on it fails.
     */
    private void rejectUnread(Request request, Response response, Callback callback, HttpError error) {
        drainThenReject(request, response, callback, request.getLength(), error);
    }

    private void drainThenReject(Request request, Response response, Callback callback, long declaredLength,
                                 HttpError error) {
        if (declaredLength < 0 || declaredLength > MAX_DRAIN_BYTES) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            writeError(response, callback, error);
            return;
        }
        Content.Source.consumeAll(request, Callback.from(() -> writeError(response, callback, error),
                x -> writeError(response, callback, error)));
    }

    private void respond(Route route, HttpCall call, Response response, Callback callback) {
        try {
            writeJson(response, callback, 200, route.endpoint().handle(call));
        } catch (HttpError e) {
            writeError(response, callback, e);
        } catch (RuntimeException | Error e) {
            // this runs in a future's callback: anything thrown on would be swallowed and the request hang
            LOG.error("API endpoint failed", e);
            writeError(response, callback, internal());
        }
    }

    void writeError(Response response, Callback callback, HttpError e) {
        if (e.retryAfterSeconds() != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            if (authFailures != null) {
                authFailures.charge(clientKey(response.getRequest()), System.nanoTime());
            }
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (e.field() != null) {
            error.put("field", e.field());
        }
        writeJson(response, callback, e.status(), Map.of("error", error));
    }

    private String clientKey(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress a) || a.getAddress() == null) {
            return String.valueOf(remote);
        }
        return KeyedRateLimiter.addressKey(
                clients.of(a.getAddress(), request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR)));
    }

    private void writeJson(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException ex) {
            // a reply we cannot encode is our bug: log it, and answer with a plain JSON 500, not Jetty's
            // HTML page carrying the exception text
            LOG.error("API reply could not be encoded", ex);
            status = 500;
            bytes = "{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
