package io.skyrtc.signaling.http;

/** One route of the HTTP API; returns the JSON body of a 200 or throws an {@link HttpError}. */
@FunctionalInterface
public interface HttpEndpoint {
    Object handle(HttpCall call) throws HttpError;
}
