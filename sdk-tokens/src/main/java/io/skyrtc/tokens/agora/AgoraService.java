package io.skyrtc.tokens.agora;

import io.skyrtc.tokens.codec.LittleEndianReader;
import io.skyrtc.tokens.codec.LittleEndianWriter;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One service inside an AccessToken2. Privilege values are seconds relative to the token's issue
 * time. The record set is the service types whose layout is known; {@link #read} returns null for
 * any other type because its length cannot be known — callers stop there (future types are not fatal).
 */
public sealed interface AgoraService {
    int RTC = 1;
    int RTM = 2;
    int STREAMING = 3;
    int FPA = 4;
    int CHAT = 5;
    int FCDN = 6;
    int APAAS = 7;

    int type();

    SortedMap<Integer, Long> privileges();

    /** Type-specific fields after the privilege map. */
    void writeFields(LittleEndianWriter out);

    default void write(LittleEndianWriter out) {
        out.u16(type());
        out.u16u32Map(privileges());
        writeFields(out);
    }

    static AgoraService read(int type, LittleEndianReader in) {
        SortedMap<Integer, Long> privileges = in.u16u32Map();
        return switch (type) {
            case RTC -> new Rtc(in.string(), in.string(), privileges);
            case RTM -> new Rtm(in.string(), privileges);
            case STREAMING -> new Streaming(in.string(), in.string(), privileges);
            case FPA -> new Fpa(privileges);
            case CHAT -> new Chat(in.string(), privileges);
            case FCDN -> new Fcdn(in.string(), in.string(), privileges);
            case APAAS -> new Apaas(in.string(), in.string(), in.i16(), privileges);
            default -> null;
        };
    }

    private static SortedMap<Integer, Long> frozen(SortedMap<Integer, Long> privileges) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(privileges));
    }

    /** RTC: 1 join channel, 2 publish audio, 3 publish video, 4 publish data stream. uid "" = any uid. */
    record Rtc(String channel, String uid, SortedMap<Integer, Long> privileges) implements AgoraService {
        public static final int JOIN_CHANNEL = 1;
        public static final int PUBLISH_AUDIO = 2;
        public static final int PUBLISH_VIDEO = 3;
        public static final int PUBLISH_DATA = 4;

        public Rtc {
            privileges = frozen(privileges);
        }

        public int type() {
            return RTC;
        }

        public void writeFields(LittleEndianWriter out) {
            out.string(channel).string(uid);
        }
    }

    /** RTM: 1 login. */
    record Rtm(String userId, SortedMap<Integer, Long> privileges) implements AgoraService {
        public static final int LOGIN = 1;

        public Rtm {
            privileges = frozen(privileges);
        }

        public int type() {
            return RTM;
        }

        public void writeFields(LittleEndianWriter out) {
            out.string(userId);
        }
    }

    /** Media push/pull: 1 publish mix stream, 2 publish raw stream. */
    record Streaming(String channel, String account, SortedMap<Integer, Long> privileges) implements AgoraService {
        public Streaming {
            privileges = frozen(privileges);
        }

        public int type() {
            return STREAMING;
        }

        public void writeFields(LittleEndianWriter out) {
            out.string(channel).string(account);
        }
    }

    /** Fusion packet acceleration: 1 login. */
    record Fpa(SortedMap<Integer, Long> privileges) implements AgoraService {
        public Fpa {
            privileges = frozen(privileges);
        }

        public int type() {
            return FPA;
        }

        public void writeFields(LittleEndianWriter out) {
        }
    }

    /** Chat: 1 user (userId set), 2 app (userId ""). */
    record Chat(String userId, SortedMap<Integer, Long> privileges) implements AgoraService {
        public static final int USER = 1;
        public static final int APP = 2;

        public Chat {
            privileges = frozen(privileges);
        }

        public int type() {
            return CHAT;
        }

        public void writeFields(LittleEndianWriter out) {
            out.string(userId);
        }
    }

    /** Fusion CDN: 1 publish, 2 play. */
    record Fcdn(String channel, String account, SortedMap<Integer, Long> privileges) implements AgoraService {
        public Fcdn {
            privileges = frozen(privileges);
        }

        public int type() {
            return FCDN;
        }

        public void writeFields(LittleEndianWriter out) {
            out.string(channel).string(account);
        }
    }

    /** Flexible classroom (aPaaS): 1 room user, 2 user, 3 app; role -1 = none. */
    record Apaas(String roomUuid, String userUuid, short role, SortedMap<Integer, Long> privileges)
            implements AgoraService {
        public Apaas {
            privileges = frozen(privileges);
        }

        public int type() {
            return APAAS;
        }

        public void writeFields(LittleEndianWriter out) {
            out.string(roomUuid).string(userUuid).u16(role & 0xFFFF);
        }
    }
}
