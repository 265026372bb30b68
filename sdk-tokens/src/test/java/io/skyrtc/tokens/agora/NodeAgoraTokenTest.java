package io.skyrtc.tokens.agora;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.codec.Zlib;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-check with Agora's official Node package (npm agora-token, installed into target/ on first
 * run): it parses and verifies our tokens, and we verify tokens its builder makes. Node's bundled
 * zlib deflates differently from the JDK's, so Node tokens are compared by their inflated payload.
 */
class NodeAgoraTokenTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path WORK = Path.of("target", "node-agora");

    @BeforeAll
    static void installOfficialPackage() throws Exception {
        Files.createDirectories(WORK);
        for (String f : List.of("package.json", "agora-check.js")) {
            Files.copy(Path.of("src", "test", "node", f), WORK.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/agora-token"))) {
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"), null, 300);
        }
    }

    @Test
    void nodeVerifiesOurTokensAndWeVerifyNodes() throws Exception {
        StringBuilder input = new StringBuilder();
        var inputs = AgoraInputs.generate(9, 20);
        for (var in : inputs) {
            var b = new AgoraTokenBuilder(new AgoraApp(in.appId(), in.appCert()),
                    TokenEnvironment.fixed(in.issueTs(), in.salt()), AgoraNames.Charset.UTF8);
            String channel = inputs.indexOf(in) == 1 ? "频道-" + in.channel().substring(0, Math.min(10, in.channel().length()))
                    : in.channel();
            String token = b.rtcWithRtm(channel, in.account(), in.role(), in.expire(), in.privilegeExpire()).token();
            input.append(JSON.writeValueAsString(java.util.Map.of("token", token, "cert", in.appCert(),
                    "appId", in.appId(), "channel", channel))).append('\n');
        }
        JsonNode out = JSON.readTree(run(List.of("node", "agora-check.js"), input.toString(), 60));

        for (int i = 0; i < inputs.size(); i++) {
            var in = inputs.get(i);
            JsonNode c = out.get("checked").get(i);
            assertThat(c.get("parsed").asBoolean()).as("node parsed token %d", i).isTrue();
            assertThat(c.get("verified").asBoolean()).as("node verified token %d", i).isTrue();
            assertThat(c.get("issueTs").asLong()).isEqualTo(in.issueTs());
            assertThat(c.get("salt").asLong()).isEqualTo(in.salt() & 0xFFFF_FFFFL);
            assertThat(c.get("services").get(1).get("userId").asText()).isEqualTo(in.account());
        }
        assertThat(out.get("checked").get(1).get("services").get(0).get("channel").asText()).startsWith("频道-");

        for (JsonNode m : out.get("minted")) {
            String token = m.get("token").asText();
            String cert = m.get("cert").asText();
            var decoded = AccessToken2Codec.decode(token);
            var report = AgoraVerifier.verify(token, cert, decoded.token().issueTs());
            var rtc = (AgoraService.Rtc) report.services().get(0).service();
            assertThat(rtc.uid()).isEqualTo(m.get("uid").asText());
            assertThat(rtc.channel()).isEqualTo(m.get("channel").asText());
            // Same fields rebuilt by us: different deflate bytes, identical payload.
            var t = decoded.token();
            String ours = new AgoraTokenBuilder(new AgoraApp(t.appId(), cert), TokenEnvironment.fixed(t.issueTs(),
                    (int) t.salt()), AgoraNames.Charset.UTF8).rtc(rtc.channel(), RtcUser.uid(m.get("uid").asLong()),
                    RtcRole.PUBLISHER, 600, 300).token();
            assertThat(inflate(ours)).isEqualTo(inflate(token));
        }
    }

    private static byte[] inflate(String token) throws Exception {
        return Zlib.decompress(Base64.getDecoder().decode(token.substring(3)), 1 << 16);
    }

    private static String run(List<String> command, String stdin, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(WORK.toFile())
                .redirectError(WORK.resolve("stderr.log").toFile()).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed (exit " + p.exitValue() + "): "
                    + Files.readString(WORK.resolve("stderr.log")) + new String(stdout, StandardCharsets.UTF_8)
                    + (new File("/usr/bin/node").exists() ? "" : " — node/npm are required (README: test command)"));
        }
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
