package io.skyrtc.signaling.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Browser security headers on every HTTP answer (the demo pages and the JSON API). The policy fits
 * what the pages do: scripts and styles only from this server (ES modules, no inline code), fetch and
 * WebSocket to this server, camera/microphone streams and blob:/data: images, no framing by other
 * sites. WebSocket upgrades pass the wrapped handler untouched.
 */
public final class SecurityHeaders extends Handler.Wrapper {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self' ws: wss:; img-src 'self' data: blob:; media-src 'self' blob:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    public static final String REFERRER_POLICY = "no-referrer";

    public SecurityHeaders(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields.Mutable h = response.getHeaders();
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", REFERRER_POLICY);
        return super.handle(request, response, callback);
    }
}
