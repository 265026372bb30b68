package io.skyrtc.signaling.http;

import io.skyrtc.signaling.auth.ApiPrincipal;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/** One API request after routing and authentication: its body and the authenticated key (null on open routes). */
public record HttpCall(byte[] body, ApiPrincipal principal, ObjectMapper mapper, String authorization) {

    /** 403 unless the key's scopes cover {@code scope}. */
    public void requireScope(String scope) throws HttpError {
        if (principal == null || !principal.allows(scope)) {
            throw new HttpError(403, "forbidden", "this API key may not use scope '" + scope + "'", null, null);
        }
    }

    /**
     * The lifetime to issue: the requested one or {@code defaultTtl}, at most {@code vendorMax} (400
     * beyond) and at most the key's own maximum (403 beyond: the key is not allowed that long).
     */
    public long ttl(Long requested, long defaultTtl, long vendorMax) throws HttpError {
        long keyMax = principal == null || principal.maxTtlSeconds() == 0 ? Long.MAX_VALUE : principal.maxTtlSeconds();
        if (requested == null) {
            return Math.min(defaultTtl, Math.min(keyMax, vendorMax));
        }
        if (requested < 1 || requested > vendorMax) {
            throw HttpError.badRequest("ttlSeconds", "between 1 and " + vendorMax);
        }
        if (requested > keyMax) {
            throw new HttpError(403, "forbidden", "ttlSeconds: this API key may mint at most " + keyMax + " s",
                    "ttlSeconds", null);
        }
        return requested;
    }

    /** Parses the JSON body into a request record; a bad body is a 400 naming the field. */
    public <T> T bodyAs(Class<T> type) throws HttpError {
        if (body.length == 0) {
            throw HttpError.badRequest("(body)", "a JSON object is required");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw HttpError.badRequest("(body)", "a JSON object is required");
            }
            return value;
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "(body)" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw HttpError.badRequest(field == null ? "(body)" : field, "wrong type or unknown field");
        } catch (IOException e) {
            throw HttpError.badRequest("(body)", "malformed JSON");
        }
    }
}
