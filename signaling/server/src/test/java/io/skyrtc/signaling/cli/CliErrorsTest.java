package io.skyrtc.signaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments exit 2 with a message naming what the user typed; offline commands need no serving secret. */
class CliErrorsTest {
    static final String ID = "970CA35de60c44645bbae8a215061b33", CERT = "5CFd2fd1755d40ecb72977518be15d3b";
    static final Path PROFILES = Path.of("..", "..", "docs", "examples", "coturn-profiles.yaml");

    @TempDir
    Path dir;

    static CliRun.Run agoraRtc(String... more) {
        String[] base = {"token", "agora-rtc", "--app-id", ID, "--app-cert", CERT, "--uid", "1"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRun.run(all);
    }

    @Test
    void anUnknownRoleListsTheValidOnes() {
        CliRun.Run r = agoraRtc("--channel", "c", "--role", "king", "--expire", "600");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--role: 'king' is not one of publisher, subscriber").doesNotContain("enum");
        CliRun.Run legacy = agoraRtc("--legacy", "--channel", "c", "--role", "king", "--expire", "600");
        assertThat(legacy.err()).contains("not one of attendee, publisher, subscriber, admin");
        assertThat(agoraRtc("--channel", "c", "--role", "SUBSCRIBER", "--expire", "600").exit()).isZero();
    }

    @Test
    void anOutOfRangeLifetimeNamesTheOptionTyped() {
        CliRun.Run expire = agoraRtc("--channel", "c", "--expire", "999999");
        assertThat(expire.exit()).isEqualTo(2);
        assertThat(expire.err()).startsWith("invalid input: --expire: must be between 1 and 86400").doesNotContain("privilege");
        assertThat(agoraRtc("--channel", "c", "--expire", "86400").exit()).isZero();
        CliRun.Run privilege = agoraRtc("--channel", "c", "--expire", "600", "--privilege-expire", "86401");
        assertThat(privilege.err()).startsWith("invalid input: --privilege-expire: must be between");
        CliRun.Run sig = CliRun.run("token", "tencent-usersig", "--sdkappid", "0", "--key", "k", "--user", "a",
                "--expire", "60");
        assertThat(sig.exit()).isEqualTo(2);
        assertThat(sig.err()).startsWith("invalid input: --sdkappid: must be between");
    }

    @Test
    void agoraNamesOutsideTheSdkCharactersNeedCharsetUtf8() {
        CliRun.Run refused = agoraRtc("--channel", "大厅", "--expire", "600");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("--channel: character U+5927 not allowed");
        CliRun.Run utf8 = agoraRtc("--channel", "大厅", "--expire", "600", "--charset", "utf8");
        assertThat(utf8.exit()).as(utf8.err()).isZero();
        assertThat(utf8.out()).startsWith("007");
        assertThat(agoraRtc("--channel", "c", "--expire", "600", "--charset", "latin1").err())
                .contains("--charset: 'latin1' is not one of sdk, utf8");
        assertThat(CliRun.run("token", "agora-rtm", "--app-id", ID, "--app-cert", CERT, "--user", "玩家", "--expire", "60",
                "--charset", "utf8").exit()).isZero();
    }

    @Test
    void iceCheckOfANonIceUrlIsABadArgument() {
        CliRun.Run r = CliRun.run("ice-check", "http://x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a stun:/stuns:/turn:/turns: URI: http://x");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void offlineCommandsNeedNoRoomTokenSecretNorTakeServeOptions() throws Exception {
        Path config = dir.resolve("skyrtc.yaml");
        Files.writeString(config, "turn:\n  urls: [turn:127.0.0.1:3478]\n  secrets: [turn-secret-0123456789]\n  profilesFile: "
                + PROFILES + "\n");
        CliRun.Run print = CliRun.run("config", "print", "--config", config.toString());
        assertThat(print.exit()).as(print.err()).isZero();
        assertThat(print.out()).contains("turn:");
        assertThat(print.err()).contains("note: serve needs auth.roomTokenSecret");
        CliRun.Run creds = CliRun.run("turn-creds", "--user", "alice", "--config", config.toString());
        assertThat(creds.exit()).as(creds.err()).isZero();
        assertThat(creds.out()).contains("\"iceServers\"");
        CliRun.Run render = CliRun.run("turn-conf", "render", "--env", "dev1", "--config", config.toString());
        assertThat(render.exit()).as(render.err()).isZero();
        assertThat(render.out()).contains("static-auth-secret=turn-secret-0123456789");
        for (String serveOption : new String[] {"--dev", "--port=9"}) {
            assertThat(CliRun.run("turn-creds", "--user", "a", serveOption).err()).contains("Unknown option: '" + serveOption);
            assertThat(CliRun.run("turn-conf", "render", "--env", "dev1", serveOption).exit()).isEqualTo(2);
        }
        assertThat(CliRun.run("config", "print", "--dev", "--port", "9000").out()).contains("dev: true", "port: 9000");
        assertThat(CliRun.run("serve", "--config", config.toString()).err())
                .contains("auth.roomTokenSecret is required outside dev mode");
    }

    @Test
    void turnConfRenderWritesOutOnlyOnSuccess() throws Exception {
        Path config = dir.resolve("no-secret.yaml");
        Files.writeString(config, "turn:\n  profilesFile: " + PROFILES + "\n");
        Path out = dir.resolve("turnserver.conf");
        CliRun.Run failed = CliRun.run("turn-conf", "render", "--env", "prod", "--config", config.toString(), "--out",
                out.toString());
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        assertThat(out).doesNotExist();
        Files.writeString(out, "previous\n");
        CliRun.run("turn-conf", "render", "--env", "nope", "--config", config.toString(), "--out", out.toString());
        assertThat(out).hasContent("previous");

        Path withSecret = dir.resolve("secret.yaml");
        Files.writeString(withSecret, "turn:\n  secrets: [turn-secret-0123456789]\n  profilesFile: " + PROFILES + "\n");
        CliRun.Run ok = CliRun.run("turn-conf", "render", "--env", "dev1", "--config", withSecret.toString(), "--out",
                out.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).isEmpty();
        assertThat(Files.readString(out)).contains("static-auth-secret=turn-secret-0123456789");
        assertThat(dir.toFile().list()).allMatch(n -> !n.endsWith(".tmp"));
    }

    @Test
    void apikeyNewPrintsAKeyAndItsHash() {
        CliRun.Run r = CliRun.run("apikey", "new");
        assertThat(r.exit()).isZero();
        String key = r.out().trim();
        assertThat(key).startsWith("sk_");
        assertThat(r.err().trim()).isEqualTo("sha256: " + CliRun.run("apikey", "hash", key).out().trim());
    }
}
