package io.skyrtc.tokens.agora;

import io.skyrtc.tokens.IssuedToken;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.codec.Hmac;
import io.skyrtc.tokens.codec.LittleEndianReader;
import io.skyrtc.tokens.codec.LittleEndianWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Agora's legacy AccessToken ("006"), still used by existing skynet deployments (lua-agora):
 * {@code "006" + appId + base64(str(sig) + u32 crc(channel) + u32 crc(uid) + str(message))} with
 * {@code message = u32 salt + u32 ts + privileges}. Unlike 007, privilege values are absolute Unix
 * times (0 = no limit) and the message itself expires 24 h after issue. Numeric uids are unsigned.
 */
public final class LegacyAccessToken {
    public static final String VERSION = "006";
    public static final long MESSAGE_LIFETIME_SECONDS = 24 * 3600;
    private static final int APP_ID_CHARS = 32;

    private LegacyAccessToken() {
    }

    /** RTC token; {@code privilegeExpireTs} is an absolute Unix time in seconds, or 0 for no limit. */
    public static IssuedToken build(AgoraApp app, String channel, RtcUser user, LegacyRole role, long privilegeExpireTs,
                                    TokenEnvironment env) {
        return build(app, channel, user, role, privilegeExpireTs, MESSAGE_LIFETIME_SECONDS, env);
    }

    /**
     * RTC token whose message (the token itself) expires {@code messageLifetimeSeconds} after issue,
     * 1..{@value #MESSAGE_LIFETIME_SECONDS}; Agora's own builder always uses the maximum.
     */
    public static IssuedToken build(AgoraApp app, String channel, RtcUser user, LegacyRole role, long privilegeExpireTs,
                                    long messageLifetimeSeconds, TokenEnvironment env) {
        if (messageLifetimeSeconds < 1 || messageLifetimeSeconds > MESSAGE_LIFETIME_SECONDS) {
            throw new TokenException("messageLifetime", "between 1 and " + MESSAGE_LIFETIME_SECONDS + " seconds");
        }
        AgoraNames.channel(channel, AgoraNames.Charset.UTF8);
        if (privilegeExpireTs < 0 || privilegeExpireTs > 0xFFFF_FFFFL) {
            throw new TokenException("privilegeExpireTs", "must be an absolute Unix time in seconds, or 0");
        }
        SortedMap<Integer, Long> privileges = new TreeMap<>();
        privileges.put(AgoraService.Rtc.JOIN_CHANNEL, privilegeExpireTs);
        if (role.publishes()) {
            privileges.put(AgoraService.Rtc.PUBLISH_AUDIO, privilegeExpireTs);
            privileges.put(AgoraService.Rtc.PUBLISH_VIDEO, privilegeExpireTs);
            privileges.put(AgoraService.Rtc.PUBLISH_DATA, privilegeExpireTs);
        }
        long now = env.nowSeconds();
        Message message = new Message(env.salt().getAsInt() & 0xFFFF_FFFFL, now + messageLifetimeSeconds, privileges);
        String token = encode(app, channel, user.packed(), message);
        long end = privilegeExpireTs == 0 ? message.ts() : Math.min(message.ts(), privilegeExpireTs);
        return new IssuedToken(token, Instant.ofEpochSecond(now), Instant.ofEpochSecond(end));
    }

    public static String encode(AgoraApp app, String channel, String uid, Message message) {
        byte[] rawMessage = new LittleEndianWriter(32).u32(message.salt()).u32(message.ts())
                .u16u32Map(message.privileges()).toByteArray();
        byte[] signature = sign(app.appCertificate(), app.appId(), channel, uid, rawMessage);
        byte[] content = new LittleEndianWriter(96 + rawMessage.length).bytes(signature)
                .u32(crc32(channel)).u32(crc32(uid)).bytes(rawMessage).toByteArray();
        return VERSION + app.appId() + Base64.getEncoder().encodeToString(content);
    }

    public static Decoded decode(String token) {
        if (token == null || !token.startsWith(VERSION) || token.length() < VERSION.length() + APP_ID_CHARS) {
            throw new TokenException("token", "not a legacy AccessToken (must start with \"006\" and an app id)");
        }
        try {
            byte[] content = Base64.getDecoder().decode(token.substring(VERSION.length() + APP_ID_CHARS));
            LittleEndianReader in = new LittleEndianReader(content);
            byte[] signature = in.bytes();
            long crcChannel = in.u32();
            long crcUid = in.u32();
            byte[] rawMessage = in.bytes();
            LittleEndianReader m = new LittleEndianReader(rawMessage);
            Message message = new Message(m.u32(), m.u32(), m.u16u32Map());
            return new Decoded(token.substring(VERSION.length(), VERSION.length() + APP_ID_CHARS), signature, crcChannel,
                    crcUid, rawMessage, message);
        } catch (IllegalArgumentException | LittleEndianReader.TruncatedException e) {
            throw new TokenException("token", "malformed legacy token: " + e.getMessage(), e);
        }
    }

    /**
     * Checks channel and uid (by CRC, before any HMAC work), then the signature, and reports expiry.
     * @throws TokenException naming {@code channel}, {@code uid} or {@code token}
     */
    public static Report verify(String token, String appCertificate, String channel, String uid, long nowEpochSeconds) {
        Decoded d = decode(token);
        if (d.crcChannel() != crc32(channel)) {
            throw new TokenException("channel", "token was issued for another channel");
        }
        if (d.crcUid() != crc32(uid)) {
            throw new TokenException("uid", "token was issued for another uid");
        }
        byte[] expected = sign(appCertificate, d.appId(), channel, uid, d.rawMessage());
        if (!Hmac.equal(expected, d.signature())) {
            throw new TokenException("token", "signature does not match this app certificate");
        }
        long messageEnd = d.message().ts();
        SortedMap<Integer, Boolean> valid = new TreeMap<>();
        d.message().privileges().forEach((id, ts) -> valid.put(id, nowEpochSeconds <= messageEnd
                && (ts == 0 || nowEpochSeconds <= ts)));
        return new Report(d.appId(), channel, uid, Instant.ofEpochSecond(messageEnd), nowEpochSeconds > messageEnd,
                d.message(), valid);
    }

    static byte[] sign(String appCertificate, String appId, String channel, String uid, byte[] rawMessage) {
        ByteArrayOutputStream signed = new ByteArrayOutputStream(128);
        signed.writeBytes(appId.getBytes(StandardCharsets.UTF_8));
        signed.writeBytes(channel.getBytes(StandardCharsets.UTF_8));
        signed.writeBytes(uid.getBytes(StandardCharsets.UTF_8));
        signed.writeBytes(rawMessage);
        return Hmac.sha256(appCertificate.getBytes(StandardCharsets.UTF_8), signed.toByteArray());
    }

    static long crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** salt, message expiry ts (absolute) and privileges (absolute ts, 0 = no limit). */
    public record Message(long salt, long ts, SortedMap<Integer, Long> privileges) {
    }

    public record Decoded(String appId, byte[] signature, long crcChannel, long crcUid, byte[] rawMessage,
                          Message message) {
    }

    public record Report(String appId, String channel, String uid, Instant messageExpiresAt, boolean expired,
                         Message message, SortedMap<Integer, Boolean> privilegeValid) {
    }
}
