package io.skyrtc.signaling.skynet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The skynet encoding's packets: consecutive events, at most batchMax each and never over maxPayload,
 * each "events" followed by the events' bytes; and the TCP transport writes such a packet from its parts
 * with the same bytes as from one array.
 */
class SkynetPacketsTest {
    static final byte[] EVENTS = GateEncoding.Skynet.EVENTS;

    static List<Outbox.Entry> entries(int... sizes) {
        List<Outbox.Entry> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] p = new byte[sizes[i]];
            Arrays.fill(p, (byte) (i + 1));
            out.add(new Outbox.Entry(i + 1, p, 0));
        }
        return out;
    }

    /** A connection that keeps each payload it is given. */
    static final class Recorder implements GateTransport.Connection {
        final List<byte[]> payloads = new ArrayList<>();

        @Override public void startReading(Consumer<byte[]> inbound) {}
        @Override public void write(byte[] payload) { payloads.add(payload); }
        @Override public void flush() {}
        @Override public boolean isOpen() { return true; }
        @Override public void close() {}
    }

    static byte[] joined(List<Outbox.Entry> entries, int from, int to) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(EVENTS);
        for (int i = from; i < to; i++) {
            b.writeBytes(entries.get(i).payload());
        }
        return b.toByteArray();
    }

    @Test
    void packetsCloseAtBatchMaxAndBeforeMaxPayload() throws Exception {
        GateEncoding.Skynet enc = new GateEncoding.Skynet(new ObjectMapper());
        List<Outbox.Entry> es = entries(10, 10, 10, 10, 10);
        Recorder r = new Recorder();
        assertThat(enc.writeEvents(es, r, 1000, 2)).isEqualTo(3);
        assertThat(r.payloads).containsExactly(joined(es, 0, 2), joined(es, 2, 4), joined(es, 4, 5));

        // maxPayload 27 = "events" (7 bytes) + two 10-byte events exactly; a third would cross it
        int max = EVENTS.length + 20;
        r = new Recorder();
        assertThat(enc.writeEvents(es, r, max, 256)).isEqualTo(3);
        assertThat(r.payloads).containsExactly(joined(es, 0, 2), joined(es, 2, 4), joined(es, 4, 5));
        assertThat(r.payloads).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(max));

        r = new Recorder();
        assertThat(enc.writeEvents(List.of(), r, max, 256)).isZero();
        assertThat(r.payloads).isEmpty();
    }

    @Test
    void theTcpTransportWritesAPacketFromItsPartsAsFromOneArray() throws Exception {
        List<Outbox.Entry> es = entries(3, 300, 1, 70);
        try (ServerSocket server = new ServerSocket(0)) {
            GateTransport.Connection c = new TcpGateTransport("127.0.0.1", server.getLocalPort(), "t").connect();
            try (Socket s = server.accept(); DataInputStream in = new DataInputStream(s.getInputStream())) {
                int length = joined(es, 1, 4).length;
                c.write(EVENTS, es, 1, 4, length);
                c.write(joined(es, 1, 4));
                c.flush();
                for (int i = 0; i < 2; i++) {
                    assertThat(in.readUnsignedShort()).isEqualTo(length);
                    byte[] payload = new byte[length];
                    in.readFully(payload);
                    assertThat(payload).isEqualTo(joined(es, 1, 4));
                }
                List<Outbox.Entry> big = entries(GateFrames.MAX_PAYLOAD - EVENTS.length + 1);
                assertThatThrownBy(() -> c.write(EVENTS, big, 0, 1, GateFrames.MAX_PAYLOAD + 1))
                        .isInstanceOf(GateFrames.TooLarge.class);
            } finally {
                c.close();
            }
        }
    }
}
