package io.skyrtc.signaling.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The edge of the protocol: text frames in, typed messages out (and back). Everything past this class
 * works on {@link ClientMessage} and {@link ServerMessage}, never on raw JSON.
 */
public final class ProtocolCodec {
    private final ProtocolLimits limits;
    private final ObjectReader clientReader;
    private final ObjectReader treeReader;
    private final JsonFactory laxFactory;
    private final ObjectWriter serverWriter;
    private final ObjectMapper mapper;
    private final ClientMessageRules rules;
    /** Sees every message encoded (metrics count them by type there). */
    private final java.util.function.Consumer<ServerMessage> encoded;

    public ProtocolCodec(ProtocolLimits limits) {
        this(limits, m -> { });
    }

    public ProtocolCodec(ProtocolLimits limits, java.util.function.Consumer<ServerMessage> encoded) {
        this.limits = limits;
        this.encoded = encoded;
        this.rules = new ClientMessageRules(limits);
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxNumberLength(ProtocolLimits.MAX_NUMBER_CHARS)
                        .build())
                // a key twice in one object is refused, not silently last-one-wins
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // lets RawJson copy a data payload's bytes (parser messages are never shown to clients)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.mapper = new ObjectMapper(factory)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        // strict types: a number or boolean where the protocol says string is an invalid field
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // and no number from a string: "received": "3" is an invalid field, not 3
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        this.clientReader = mapper.readerFor(ClientMessage.class);
        // error paths only: reads what the strict parser refused, to find its id or the long number
        this.laxFactory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
                        .maxNestingDepth(limits.maxJsonDepth()).build())
                .build();
        this.treeReader = new ObjectMapper(laxFactory).reader();
        this.serverWriter = mapper.writerFor(ServerMessage.class);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses and validates one client frame given as text (tests, tools). */
    public ClientMessage decode(String text) throws ProtocolException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return decode(utf8, 0, utf8.length);
    }

    /**
     * Parses and validates one client frame straight from its UTF-8 bytes (the socket's payload; no
     * intermediate String of the whole frame).
     */
    public ClientMessage decode(byte[] utf8, int offset, int length) throws ProtocolException {
        if (!startsLikeObject(utf8, offset, length)) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "a message must be a JSON object", null);
        }
        ClientMessage message = SdpFrameParser.parse(utf8, offset, length);
        if (message != null) {
            validate(message);
            return message;
        }
        try {
            message = clientReader.readValue(utf8, offset, length);
        } catch (IOException e) {
            throw refusal(e, utf8, offset, length);
        }
        if (message == null) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "a message must be a JSON object", null);
        }
        validate(message);
        return message;
    }

    /** One server message as the UTF-8 bytes of a text frame (offer and answer: see {@link SdpFrames}). */
    public byte[] encode(ServerMessage message) {
        encoded.accept(message);
        byte[] fast = SdpFrames.encode(message);
        if (fast != null) {
            return fast;
        }
        try {
            return serverWriter.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** The protocol's rules for the message's own type (one visitor: a new type must say its rules). */
    private void validate(ClientMessage m) throws ProtocolException {
        String ref = m.id();
        if (ref != null && ref.length() > limits.maxIdChars()) {
            throw invalid("id", "longer than " + limits.maxIdChars() + " characters", null);
        }
        ProtocolException problem = m.accept(rules);
        if (problem != null) {
            throw problem;
        }
    }

    /** Why Jackson could not read a frame, in the protocol's words. */
    private ProtocolException refusal(IOException e, byte[] utf8, int offset, int length) {
        IOException x = e;
        // a parser failure inside a field's deserializer (RawJson) arrives wrapped in a mapping error
        while (x instanceof DatabindException && !(x instanceof MismatchedInputException)
                && x.getCause() instanceof IOException cause) {
            x = cause;
        }
        if (x instanceof InvalidTypeIdException t) {
            String ref = idOf(utf8, offset, length);
            if (t.getTypeId() == null) {
                return new ProtocolException(ErrorCode.INVALID_FIELD, "missing field: type", ref);
            }
            return new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type: " + t.getTypeId(), ref);
        }
        if (x instanceof StreamConstraintsException c) {
            return overLimit(c, utf8, offset, length);
        }
        if (x instanceof MismatchedInputException m) {
            if (m.getOriginalMessage() != null && m.getOriginalMessage().startsWith("Trailing token")) {
                return new ProtocolException(ErrorCode.BAD_JSON, "one JSON object per frame", null);
            }
            return new ProtocolException(ErrorCode.INVALID_FIELD, "invalid field: " + fieldPath(m),
                    idOf(utf8, offset, length));
        }
        if (x instanceof JsonProcessingException j) {
            // the parser's own text is never shown: it changes between versions and quotes the input
            return new ProtocolException(ErrorCode.BAD_JSON, JsonProblems.describe(j), null);
        }
        return new ProtocolException(ErrorCode.BAD_JSON, "malformed JSON", null);
    }

    /**
     * A parser limit was hit. Which one is told apart by the limit's own wording (the only place it
     * is read); a too-long number is then found again, with a laxer parser, to name where it is.
     */
    private ProtocolException overLimit(StreamConstraintsException e, byte[] utf8, int offset, int length) {
        String ref = idOf(utf8, offset, length);
        String why = e.getMessage() == null ? "" : e.getMessage();
        if (why.startsWith("Number value length")) {
            return invalid(longNumberPath(utf8, offset, length), "a number of more than "
                    + ProtocolLimits.MAX_NUMBER_CHARS + " digits (send such a value as a string)", ref);
        }
        if (why.startsWith("Document nesting depth")) {
            return new ProtocolException(ErrorCode.BAD_JSON, "JSON nested deeper than " + limits.maxJsonDepth()
                    + " levels (the message object is the first)", ref);
        }
        return new ProtocolException(ErrorCode.BAD_JSON, "a string or key longer than the parser allows", ref);
    }

    /** Where the first over-long number is, as {@code payload.a.0}; {@code (message)} if not found. */
    private String longNumberPath(byte[] utf8, int offset, int length) {
        try (JsonParser p = laxFactory.createParser(utf8, offset, length)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isNumeric() && p.getText().chars().filter(Character::isDigit).count()
                        > ProtocolLimits.MAX_NUMBER_CHARS) {
                    String path = p.getParsingContext().pathAsPointer().toString();
                    return path.isEmpty() ? "(message)" : path.substring(1).replace('/', '.');
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through: the limit was hit, we just cannot say where
        }
        return "(message)";
    }

    static ProtocolException invalid(String field, String why, String ref) {
        return new ProtocolException(ErrorCode.INVALID_FIELD, field + ": " + why, ref);
    }

    static boolean isRoomName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '~' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String fieldPath(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            }
        }
        return sb.length() == 0 ? "(message)" : sb.toString();
    }

    /** Best-effort id extraction on the error path only, so a bad message still gets its ref. */
    private String idOf(byte[] utf8, int offset, int length) {
        try {
            JsonNode tree = treeReader.readTree(utf8, offset, length);
            JsonNode id = tree == null ? null : tree.get("id");
            return id != null && id.isValueNode() && !id.isNull() ? id.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Jackson would read a top-level array as a wrapped type id; only objects are messages. */
    private static boolean startsLikeObject(byte[] utf8, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte c = utf8[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{';
            }
        }
        return false;
    }
}
