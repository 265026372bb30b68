package io.skyrtc.signaling.ops;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * server.metrics.port: a connector of its own that serves {@code /metrics} and nothing else (no WebSocket,
 * no API, no pages), while the main port stops serving {@code /metrics}. Sits outermost, before the
 * WebSocket upgrade, so nothing else is reachable through that port.
 */
public final class MetricsPort extends Handler.Wrapper {
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
            if (!metricsPath || !metrics.handle(request, response, callback)) {
                JsonErrors.write(response, callback, 404, "not-found", "this port serves " + MetricsEndpoint.PATH + " only");
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
