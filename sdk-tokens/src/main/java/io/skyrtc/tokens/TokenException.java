package io.skyrtc.tokens;

/**
 * A token could not be built, parsed or verified. {@link #field()} names the offending input
 * (e.g. {@code appCertificate}, {@code channel}, {@code token}) so an API can answer with it.
 */
public class TokenException extends IllegalArgumentException {
    private final String field;

    public TokenException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public TokenException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
