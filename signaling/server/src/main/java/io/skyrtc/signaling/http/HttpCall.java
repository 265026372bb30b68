package io.skyrtc.signaling.http;

import io.skyrtc.signaling.auth.ApiPrincipal;
import io.skyrtc.signaling.protocol.JsonProblems;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;

/**
 * One API request after routing and authentication: its body and the authenticated key (null on open routes),
 * and what its handler learnt on the way that a wrapper reports after it (the app a vendor request named).
 */
public final class HttpCall {
    private final byte[] body;
    private final ApiPrincipal principal;
    private final ObjectMapper mapper;
    private final String authorization;
    /** Set once the body is parsed, by the one thread handling the call. */
    private String appNamed;

    public HttpCall(byte[] body, ApiPrincipal principal, ObjectMapper mapper, String authorization) {
        this.body = body;
        this.principal = principal;
        this.mapper = mapper;
        this.authorization = authorization;
    }

    public byte[] body() {
        return body;
    }

    /** The authenticated key, null on open routes. */
    public ApiPrincipal principal() {
        return principal;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String authorization() {
        return authorization;
    }

    /** Notes the app the parsed request named (null: none), for the vendor meter to label an error with. */
    public void noteAppNamed(String app) {
        this.appNamed = app;
    }

    /** The app the request named, or null when it named none or was refused before its body was parsed. */
    public String appNamed() {
        return appNamed;
    }

    /** 403 unless the key's scopes cover {@code scope}. */
    public void requireScope(String scope) throws HttpError {
        if (principal == null || !principal.allows(scope)) {
            throw new HttpError(403, "forbidden", "this API key may not use scope '" + scope + "'", null, null);
        }
    }

    /**
     * 403 unless the key may use at least one app of {@code vendor} ({@code vendor} or
     * {@code vendor:APP}). Checked before the body is read, so a key without it learns nothing else.
     */
    public void requireVendorScope(String vendor) throws HttpError {
        if (principal == null || !principal.allowsSome(vendor)) {
            throw new HttpError(403, "forbidden", "this API key has no '" + vendor + "' scope", null, null);
        }
    }

    /**
     * The lifetime to issue: the requested one or {@code defaultTtl}, at most {@code vendorMax} (400
     * beyond) and at most the key's own maximum (403 beyond: the key is not allowed that long).
     */
    public long ttl(Long requested, long defaultTtl, long vendorMax) throws HttpError {
        long keyMax = keyMaxTtl();
        if (requested == null) {
            return Math.min(defaultTtl, Math.min(keyMax, vendorMax));
        }
        if (requested < 1 || requested > vendorMax) {
            throw HttpError.badRequest("ttlSeconds", "between 1 and " + vendorMax);
        }
        return capByKey("ttlSeconds", requested);
    }

    /**
     * Any other lifetime a reply carries (a privilege's, a legacy token's): 403 naming {@code field}
     * when it is longer than the key's {@code maxTtlSeconds}, so no part of a token outlives what the
     * key may mint.
     */
    public long capByKey(String field, long seconds) throws HttpError {
        long keyMax = keyMaxTtl();
        if (seconds > keyMax) {
            throw new HttpError(403, "forbidden", field + ": this API key may mint at most " + keyMax + " s",
                    field, null);
        }
        return seconds;
    }

    /** The key's {@code maxTtlSeconds}, or Long.MAX_VALUE when it has none. */
    public long keyMaxTtl() {
        return principal == null || principal.maxTtlSeconds() == 0 ? Long.MAX_VALUE : principal.maxTtlSeconds();
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
        } catch (UnrecognizedPropertyException e) {
            throw HttpError.badRequest(e.getPropertyName(), "unknown field");
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "(body)" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            // strict types: "600" is not a number, 1 is not a boolean, 1.5 is not an integer
            throw HttpError.badRequest(field == null ? "(body)" : field, "wrong JSON type");
        } catch (StreamConstraintsException e) {
            throw HttpError.badRequest("(body)", "nested too deep, or a number or string too long");
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("(body)", JsonProblems.describe(e));
        } catch (IOException e) {
            throw HttpError.badRequest("(body)", "malformed JSON");
        }
    }
}
