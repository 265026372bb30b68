package io.skyrtc.tokens.agora;

import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.codec.Hmac;
import io.skyrtc.tokens.codec.LittleEndianReader;
import io.skyrtc.tokens.codec.LittleEndianWriter;
import io.skyrtc.tokens.codec.Zlib;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;

/**
 * Wire format of AccessToken2: {@code "007" + base64(zlib(str(signature) + signing_info))}, where the
 * signature is HMAC-SHA256 keyed by a key derived from the app certificate, issue time and salt.
 */
public final class AccessToken2Codec {
    public static final String VERSION = "007";
    /** Tokens are a few hundred bytes; anything inflating past this is not a token. */
    static final int MAX_INFLATED_BYTES = 64 * 1024;
    private static final int MAX_TOKEN_CHARS = 16 * 1024;

    private AccessToken2Codec() {
    }

    public static String encode(AccessToken2 token, String appCertificate) {
        byte[] signingInfo = signingInfo(token);
        byte[] signature = sign(appCertificate, token.issueTs(), token.salt(), signingInfo);
        byte[] content = new LittleEndianWriter(signingInfo.length + 40).bytes(signature).raw(signingInfo).toByteArray();
        return VERSION + Base64.getEncoder().encodeToString(Zlib.compress(content));
    }

    public static byte[] signingInfo(AccessToken2 token) {
        LittleEndianWriter out = new LittleEndianWriter(128)
                .string(token.appId())
                .u32(token.issueTs())
                .u32(token.expire())
                .u32(token.salt())
                .u16(token.services().size());
        for (AgoraService service : token.services()) {
            service.write(out);
        }
        return out.toByteArray();
    }

    /** k1 = HMAC(u32le(issueTs), cert); k2 = HMAC(u32le(salt), k1); signature = HMAC(k2, signingInfo). */
    public static byte[] sign(String appCertificate, long issueTs, long salt, byte[] signingInfo) {
        byte[] k1 = Hmac.sha256(new LittleEndianWriter(4).u32(issueTs).toByteArray(),
                appCertificate.getBytes(StandardCharsets.UTF_8));
        byte[] k2 = Hmac.sha256(new LittleEndianWriter(4).u32(salt).toByteArray(), k1);
        return Hmac.sha256(k2, signingInfo);
    }

    /** Parses without checking the signature; see {@link AgoraVerifier} for that. */
    public static DecodedAccessToken2 decode(String token) {
        if (token == null || !token.startsWith(VERSION)) {
            throw new TokenException("token", "not an AccessToken2 (must start with \"007\")");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenException("token", "longer than " + MAX_TOKEN_CHARS + " characters");
        }
        byte[] content;
        try {
            content = Zlib.decompress(Base64.getDecoder().decode(token.substring(VERSION.length())), MAX_INFLATED_BYTES);
        } catch (IllegalArgumentException | DataFormatException e) {
            throw new TokenException("token", "not valid base64/zlib: " + e.getMessage(), e);
        }
        try {
            LittleEndianReader in = new LittleEndianReader(content);
            byte[] signature = in.bytes();
            int signingStart = in.position();
            String appId = in.string();
            long issueTs = in.u32();
            long expire = in.u32();
            long salt = in.u32();
            int count = in.u16();
            List<AgoraService> services = new ArrayList<>(count);
            List<Integer> unknown = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int type = in.u16();
                AgoraService service = AgoraService.read(type, in);
                if (service == null) {
                    // An unknown layout: nothing after it can be located, but what came before is valid.
                    unknown.add(type);
                    break;
                }
                services.add(service);
            }
            byte[] signingInfo = java.util.Arrays.copyOfRange(content, signingStart, content.length);
            return new DecodedAccessToken2(new AccessToken2(appId, issueTs, expire, salt, services),
                    signature, signingInfo, List.copyOf(unknown));
        } catch (LittleEndianReader.TruncatedException e) {
            throw new TokenException("token", "truncated: " + e.getMessage(), e);
        }
    }
}
