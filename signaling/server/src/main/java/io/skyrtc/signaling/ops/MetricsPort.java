package io.skyrtc.signaling.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * server.metrics.port: a connector of its own, plain HTTP, that serves {@code /metrics} and the liveness probe
 * {@code /livez} and nothing else (no WebSocket, no API, no pages), while the main port stops serving
 * {@code /metrics}. Sits outermost, before the WebSocket upgrade, so nothing else is reachable through that
 * port. {@code /livez} is here so a health check without a TLS client (the image's HEALTHCHECK) can probe a
 * node whose main port speaks TLS.
 */
public final class MetricsPort extends Handler.Wrapper {
    private static final String LIVEZ = "/livez";
    /** The main port's {@code GET /livez} answer (ops/Probes). */
    private static final byte[] ALIVE = "{\"status\":\"alive\"}".getBytes(StandardCharsets.UTF_8);
    private final Connector metricsConnector;
    private final MetricsEndpoint metrics;

    public MetricsPort(Connector metricsConnector, MetricsEndpoint metrics, Handler next) {
        super(next);
        this.metricsConnector = metricsConnector;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean onMetricsPort = request.getConnectionMetaData().getConnector() == metricsConnector;
        boolean metricsPath = MetricsEndpoint.PATH.equals(Request.getPathInContext(request));
        if (onMetricsPort) {
            if (LIVEZ.equals(Request.getPathInContext(request)) && HttpMethod.GET.is(request.getMethod())) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.wrap(ALIVE), callback);
            } else if (!metricsPath || !metrics.handle(request, response, callback)) {
                JsonErrors.write(response, callback, 404, "not-found", "this port serves " + MetricsEndpoint.PATH
                        + " and " + LIVEZ + " only");
            }
            return true;
        }
        if (metricsPath) {
            JsonErrors.write(response, callback, 404, "not-found", MetricsEndpoint.PATH
                    + " is served on server.metrics.port");
            return true;
        }
        return super.handle(request, response, callback);
    }
}
