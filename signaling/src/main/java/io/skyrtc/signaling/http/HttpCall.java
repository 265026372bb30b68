package io.skyrtc.signaling.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/** One API request after routing and authentication: its body and the authenticated key's name. */
public record HttpCall(byte[] body, String apiKeyName, ObjectMapper mapper) {

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
