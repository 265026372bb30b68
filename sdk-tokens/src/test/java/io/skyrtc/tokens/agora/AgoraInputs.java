package io.skyrtc.tokens.agora;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated inputs for comparisons with the official library: seeded, so a failure reproduces. */
final class AgoraInputs {
    static final String SDK_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&()+-:;<=.>?@[]^_{}|~,";
    static final long[] EDGE_UIDS = {0, 1, 2_147_483_647L, 2_147_483_648L, 2_882_341_273L, 4_294_967_295L};

    record Input(String appId, String appCert, String channel, long uid, String account, long issueTs, int salt,
                 long expire, long privilegeExpire, RtcRole role) {
    }

    static List<Input> generate(long seed, int count) {
        Random r = new Random(seed);
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long uid = i < EDGE_UIDS.length ? EDGE_UIDS[i] : r.nextLong() & 0xFFFF_FFFFL;
            String account = i % 7 == 0 ? "0" : text(r, 1 + r.nextInt(40));
            out.add(new Input(hex(r), hex(r), text(r, 1 + r.nextInt(64)), uid, account,
                    1_600_000_000L + r.nextInt(400_000_000), r.nextInt(), 1 + r.nextInt(86_400),
                    r.nextInt(86_401), r.nextBoolean() ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER));
        }
        return out;
    }

    static String hex(Random r) {
        StringBuilder b = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            b.append("0123456789abcdefABCDEF".charAt(r.nextInt(22)));
        }
        return b.toString();
    }

    static String text(Random r, int len) {
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            b.append(SDK_CHARS.charAt(r.nextInt(SDK_CHARS.length())));
        }
        return b.toString();
    }

    private AgoraInputs() {
    }
}
