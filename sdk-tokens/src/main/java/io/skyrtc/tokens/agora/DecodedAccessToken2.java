package io.skyrtc.tokens.agora;

/**
 * A parsed AccessToken2 and the exact bytes its signature covers. {@code unknownServiceTypes} lists a
 * service type this parser does not know (parsing stops there; the signature still covers it).
 */
public record DecodedAccessToken2(AccessToken2 token, byte[] signature, byte[] signingInfo,
                                  java.util.List<Integer> unknownServiceTypes) {
}
