package io.skyrtc.signaling.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The JS SDK at a versioned path, {@code /sdk/v1/skyrtc.js} (and the modules it imports, its
 * {@code .d.ts} and {@code package.json}), so pages on other origins can import it: CORS for the
 * origins in {@code demo.sdkCorsOrigins} ({@code *} = any). Read once from the classpath.
 */
public final class SdkAssets extends Handler.Abstract {
    public static final String PREFIX = "/sdk/v1/";
    /** The npm package's own file list (package.json {@code files}), so the two cannot drift apart. */
    static final List<String> FILES = packageFiles();

    private final Map<String, byte[]> files = new HashMap<>();
    private final List<String> corsOrigins;

    public SdkAssets(List<String> corsOrigins) {
        this.corsOrigins = List.copyOf(corsOrigins);
        for (String f : FILES) {
            try (InputStream in = SdkAssets.class.getResourceAsStream("/webdemo/sdk/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("webdemo/sdk/" + f + " missing from the classpath");
                }
                files.put(f, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<String> packageFiles() {
        try (InputStream in = SdkAssets.class.getResourceAsStream("/webdemo/sdk/package.json")) {
            if (in == null) {
                throw new IllegalStateException("webdemo/sdk/package.json missing from the classpath");
            }
            List<String> files = new java.util.ArrayList<>(List.of("package.json"));
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("files").forEach(f -> files.add(f.asText()));
            return List.copyOf(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        byte[] body = files.get(path.substring(PREFIX.length()));
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        if (body == null || !head && !HttpMethod.GET.is(request.getMethod())) {
            Response.writeError(request, response, callback, body == null ? HttpStatus.NOT_FOUND_404
                    : HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (corsOrigins.contains("*")) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else if (origin != null && corsOrigins.contains(origin)) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().add(HttpHeader.VARY, "Origin");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(path));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=300");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String contentType(String path) {
        return path.endsWith(".js") ? "text/javascript; charset=utf-8"
                : path.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8";
    }
}
