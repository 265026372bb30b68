package io.skyrtc.turn.check;

import org.ice4j.attribute.RequestedAddressFamilyAttribute;

/**
 * REQUESTED-ADDRESS-FAMILY as RFC 6156 §4.1.1 lays it out: a 4-byte value (family, then 3 reserved
 * bytes). ice4j's own attribute encodes a 1-byte value, which coturn answers with 440.
 */
final class RequestedFamily extends RequestedAddressFamilyAttribute {
    private static final char VALUE_LENGTH = 4;

    static RequestedFamily ipv6() {
        RequestedFamily a = new RequestedFamily();
        a.setFamily(IPv6);
        return a;
    }

    @Override
    public char getDataLength() {
        return VALUE_LENGTH;
    }

    @Override
    public byte[] encode() {
        char type = getAttributeType();
        return new byte[] {(byte) (type >> 8), (byte) type, 0, (byte) VALUE_LENGTH, (byte) getFamily(), 0, 0, 0};
    }
}
