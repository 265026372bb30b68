package io.skyrtc.signaling.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error Jetty answers on its own (unknown path, refused upgrade, unparseable request) in the API's
 * JSON shape instead of Jetty's HTML page: clients of a JSON API parse error bodies, and the HTML page
 * names the server. Internal errors never carry exception text.
 */
public final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().remove(HttpHeader.CONTENT_TYPE);
        JsonErrors.write(response, callback, status, JsonErrors.codeFor(status), messageFor(request, status, message));
    }

    /** Requests Jetty could not even parse: no request object, only the body to send. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        String body = "{\"error\":{\"code\":" + JsonErrors.quote(JsonErrors.codeFor(status)) + ",\"message\":"
                + JsonErrors.quote(reason == null || status >= 500 ? "bad request" : reason) + "}}";
        return ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String messageFor(Request request, int status, String message) {
        if (status == 404) {
            return "no such path: " + Request.getPathInContext(request);
        }
        if (status >= 500 && status != 503) {
            return "internal error";
        }
        return message == null || message.isEmpty() ? JsonErrors.codeFor(status) : message;
    }
}
