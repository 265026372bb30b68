package io.skyrtc.signaling.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Our own words for what is wrong with a JSON text. The parser's messages are not part of any
 * contract (they change between versions, quote parts of the input and name internal settings), so
 * they are never shown; clients get one of the stable messages below, with where it happened.
 */
public final class JsonProblems {
    private JsonProblems() {}

    /** A stable, client-facing description of a syntax error. */
    public static String describe(JsonProcessingException e) {
        String parser = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String where = where(e.getLocation());
        if (parser.startsWith("Duplicate field")) {
            String key = duplicateKey(e);
            return key == null ? "duplicate key" + where : "duplicate key \"" + key + "\"" + where;
        }
        if (e instanceof JsonEOFException || parser.startsWith("Unexpected end-of-input")) {
            return "JSON text ends too early: an object, array or string is not closed";
        }
        if (parser.startsWith("Illegal unquoted character")) {
            return "control character in a string (it must be escaped)" + where;
        }
        if (parser.startsWith("Unrecognized character escape") || parser.contains("escape sequence")) {
            return "invalid escape sequence in a string" + where;
        }
        if (parser.startsWith("Invalid numeric value") || parser.startsWith("Non-standard token")
                || parser.contains("Leading zeroes")) {
            return "malformed number (JSON numbers are finite decimals without leading zeroes)" + where;
        }
        if (parser.startsWith("Invalid UTF-8")) {
            return "invalid UTF-8" + where;
        }
        return "malformed JSON" + where;
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** The repeated key, read from the parser's state (not from its message). */
    private static String duplicateKey(JsonProcessingException e) {
        try {
            return e.getProcessor() instanceof JsonParser p ? p.currentName() : null;
        } catch (java.io.IOException | RuntimeException ignored) {
            return null;
        }
    }
}
