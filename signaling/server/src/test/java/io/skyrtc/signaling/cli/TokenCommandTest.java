package io.skyrtc.signaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agora.media.AccessToken2;
import io.skyrtc.tokens.tencent.UserSigCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The token CLI: only the token on stdout, decoded JSON from verify, exit codes 0/1/2. */
class TokenCommandTest {
    static final String ID = "970CA35de60c44645bbae8a215061b33", CERT = "5CFd2fd1755d40ecb72977518be15d3b";

    static CliRun.Run run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void agoraRtcPrintsOnlyAnOfficiallyParsableTokenAndVerifyDecodesIt() {
        CliRun.Run mint = run("token", "agora-rtc", "--app-id", ID, "--app-cert", CERT, "--channel", "lobby", "--uid",
                "0", "--role", "subscriber", "--expire", "600");
        assertThat(mint.exit()).isZero();
        String token = mint.out().trim();
        assertThat(token).startsWith("007").doesNotContain("\n");
        AccessToken2 official = new AccessToken2();
        assertThat(official.parse(token)).isTrue();
        assertThat(((AccessToken2.ServiceRtc) official.services.get(AccessToken2.SERVICE_TYPE_RTC)).getUid()).isEmpty();

        CliRun.Run verify = run("token", "verify", token, "--app-cert", CERT);
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).contains("\"format\" : \"agora-007\"", "\"joinChannel\"", "\"expired\" : false")
                .doesNotContain(CERT);
        CliRun.Run wrongCert = run("token", "verify", token, "--app-cert", "0123456789abcdef0123456789abcdef");
        assertThat(wrongCert.exit()).isEqualTo(1);
        assertThat(wrongCert.err()).contains("signature");
    }

    @Test
    void tencentAndLegacyCommandsAndBadInput() {
        CliRun.Run sig = run("token", "tencent-usersig", "--sdkappid", "1400000001", "--key", "k1", "--user", "alice",
                "--expire", "60");
        assertThat(sig.exit()).isZero();
        assertThat(UserSigCodec.decode(sig.out().trim()).identifier()).isEqualTo("alice");
        CliRun.Run pmk = run("token", "tencent-privmapkey", "--sdkappid", "1400000001", "--key", "k1", "--user", "alice",
                "--expire", "60", "--room", "7", "--privileges", "255");
        assertThat(run("token", "verify", pmk.out().trim(), "--sdkappid", "1400000001", "--key", "k1", "--user", "alice")
                .out()).contains("\"tencent-privmapkey\"", "\"roomId\" : 7");

        CliRun.Run legacy = run("token", "agora-rtc", "--legacy", "--app-id", ID, "--app-cert", CERT, "--channel", "c",
                "--uid", "3000000000", "--role", "attendee", "--expire", "600");
        assertThat(legacy.out()).startsWith("006" + ID);
        assertThat(run("token", "verify", legacy.out().trim(), "--app-cert", CERT, "--channel", "c", "--uid",
                "3000000000").exit()).isZero();
        assertThat(run("token", "verify", legacy.out().trim(), "--app-cert", CERT).exit()).isEqualTo(2);

        CliRun.Run bad = run("token", "agora-rtc", "--app-id", ID, "--app-cert", CERT, "--channel", "c/d", "--uid", "1",
                "--expire", "600");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("channel");
    }
}
