package io.skyrtc.signaling.demo;

import java.util.Set;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers 404 for demo pages whose API is off on this server, so production does not serve a page
 * that can only say it is disabled: the token playground mints with the dev API key, dev mode only.
 */
public final class HiddenDemoPages extends Handler.Abstract {
    /** The token playground's files. */
    public static final Set<String> DEV_ONLY = Set.of("/tokens.html", "/tokens-page.js");

    private final boolean dev;

    public HiddenDemoPages(boolean dev) {
        this.dev = dev;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (dev || !DEV_ONLY.contains(Request.getPathInContext(request))) {
            return false;
        }
        Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        return true;
    }
}
