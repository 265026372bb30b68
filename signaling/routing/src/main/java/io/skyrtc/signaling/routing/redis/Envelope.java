package io.skyrtc.signaling.routing.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One node-to-node message on a node's pub/sub channel: a type, the sender node, the connection
 * (session) it is about, the room lease's fencing token, and a body. On the wire: the type byte, then
 * {@code from \n session \n fence \n}, then the body bytes as they are (a relayed frame is not copied
 * into JSON again).
 *
 * <p>Edge → owner: {@code J} join, {@code R} resume, {@code M} client message ({@code seq \n json}),
 * {@code D} disconnected. Owner → edge: {@code A} attached (peer id), {@code X} refused (reason),
 * {@code S} frame to write, {@code C} close ({@code code \n reason}), {@code K} acks ({@code session seq}
 * lines). Admin: {@code Q} request, {@code P} reply.
 */
record Envelope(char type, String from, String session, long fence, byte[] body) {

    byte[] encode() {
        byte[] head = (type + from + "\n" + session + "\n" + fence + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    static Envelope decode(byte[] b) {
        int a = indexOf(b, 1);
        int c = indexOf(b, a + 1);
        int d = indexOf(b, c + 1);
        if (b.length < 1 || a < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("not an envelope");
        }
        return new Envelope((char) b[0], str(b, 1, a), str(b, a + 1, c),
                Long.parseLong(str(b, c + 1, d)), Arrays.copyOfRange(b, d + 1, b.length));
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String str(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
