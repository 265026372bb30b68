package io.skyrtc.signaling.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One JSON value exactly as its sender wrote it: the {@code payload} of {@code data}. The codec's
 * parser validates it (syntax, depth, number length, duplicate keys) while skipping over it, and keeps
 * the bytes; relaying writes them out again unchanged. Re-encoding a parsed tree would change what
 * peers receive ({@code 1E+2} became {@code 100.0}, {@code -0} became {@code 0}, long decimals were
 * rounded, {@code 1e999999} became the string {@code "Infinity"}). Equality is the text's.
 */
@JsonDeserialize(using = RawJson.Reader.class)
public final class RawJson implements JsonSerializable {
    /** The JSON literal {@code null}. */
    public static final RawJson NULL = new RawJson("null".getBytes(StandardCharsets.US_ASCII));

    private static final ObjectMapper TREES = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final byte[] utf8;

    private RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The text a tree encodes to (data the server itself sends); null stays null. */
    public static RawJson of(JsonNode value) {
        return value == null ? null : new RawJson(value.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 bytes of the value; not copied, never modify. */
    byte[] utf8() {
        return utf8;
    }

    /** The value as a tree, numbers kept exact (BigDecimal/BigInteger), for consumers that need one. */
    public JsonNode tree() {
        try {
            return TREES.readTree(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException("a validated JSON value no longer parses", e);
        }
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeRawValue(toString());
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(gen, serializers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson other && Arrays.equals(utf8, other.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * Reads a value by letting the parser skip it (which validates it) and copying the bytes it
     * spanned. Needs the source bytes in the parser's locations ({@code INCLUDE_SOURCE_IN_LOCATION});
     * without them it falls back to encoding the parsed tree.
     */
    static final class Reader extends StdDeserializer<RawJson> {
        Reader() {
            super(RawJson.class);
        }

        @Override
        public RawJson deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation start = p.currentTokenLocation();
            if (!(start.contentReference().getRawContent() instanceof byte[] source) || start.getByteOffset() < 0) {
                return of(p.readValueAsTree());
            }
            p.skipChildren();
            p.finishToken(); // a string is only read to its end on demand
            int base = start.contentReference().contentOffset();
            int from = base + (int) start.getByteOffset();
            int to = base + (int) p.currentLocation().getByteOffset();
            return new RawJson(Arrays.copyOfRange(source, from, to));
        }

        /** {@code "payload": null} is the value null... */
        @Override
        public RawJson getNullValue(DeserializationContext ctxt) {
            return NULL;
        }

        /** ...while a payload left out is no value at all (the codec then says it is required). */
        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
