package io.skyrtc.signaling.actorcore;

/**
 * A command that cannot be carried out; a future completes exceptionally with it. Each adapter maps
 * {@link #code} to its wire (the gate's and cluster's {@code error.code}, an HTTP status in admin).
 */
public final class CoreFailure extends RuntimeException {

    public enum Code {
        /** A missing, invalid or unknown field ({@link #field} names it when there is one). */
        BAD_REQUEST("bad-request"),
        UNKNOWN_COMMAND("unknown-command"),
        /** No such room, or no such peer in it. */
        NOT_FOUND("not-found");

        private final String wire;

        Code(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private final Code code;
    private final String field;

    private CoreFailure(Code code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    /** {@code field}: the offending field, or null when the command as a whole is wrong. */
    public static CoreFailure badRequest(String field, String message) {
        return new CoreFailure(Code.BAD_REQUEST, field, message);
    }

    public static CoreFailure unknownCommand(String name) {
        return new CoreFailure(Code.UNKNOWN_COMMAND, null, "unknown command '" + name + "'");
    }

    public static CoreFailure notFound(String message) {
        return new CoreFailure(Code.NOT_FOUND, null, message);
    }

    public Code code() {
        return code;
    }

    /** The offending field of a bad request, else null. */
    public String field() {
        return field;
    }

    /** The failure behind a future's exception, or null when it is something else (a bug). */
    public static CoreFailure of(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause instanceof CoreFailure f ? f : null;
    }
}
