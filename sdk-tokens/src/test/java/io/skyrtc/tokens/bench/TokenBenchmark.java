package io.skyrtc.tokens.bench;

import com.tencentyun.TLSSigAPIv2;
import io.agora.media.RtcTokenBuilder2;
import io.skyrtc.tokens.agora.AgoraApp;
import io.skyrtc.tokens.agora.AgoraTokenBuilder;
import io.skyrtc.tokens.agora.RtcRole;
import io.skyrtc.tokens.agora.RtcUser;
import io.skyrtc.tokens.tencent.TencentApp;
import io.skyrtc.tokens.tencent.TencentSigner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tokens per second, one thread, ours vs the official libraries on the same inputs. Run with the
 * command in README ("Benchmarks"); not part of the test suite.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class TokenBenchmark {
    static final String APP_ID = "970CA35de60c44645bbae8a215061b33";
    static final String APP_CERT = "5CFd2fd1755d40ecb72977518be15d3b";
    static final String CHANNEL = "match-2026-11-21-lobby-7";
    static final long SDK_APP_ID = 1_400_000_001L;
    static final String SECRET = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

    final AgoraTokenBuilder agora = new AgoraTokenBuilder(new AgoraApp(APP_ID, APP_CERT));
    final RtcTokenBuilder2 agoraOfficial = new RtcTokenBuilder2();
    final TencentSigner tencent = new TencentSigner(new TencentApp(SDK_APP_ID, SECRET));
    final TLSSigAPIv2 tencentOfficial = new TLSSigAPIv2(SDK_APP_ID, SECRET);

    @Benchmark
    public String agoraRtc007Ours() {
        return agora.rtc(CHANNEL, RtcUser.uid(2_882_341_273L), RtcRole.PUBLISHER, 3600, 3600).token();
    }

    @Benchmark
    public String agoraRtc007Official() {
        return agoraOfficial.buildTokenWithUid(APP_ID, APP_CERT, CHANNEL, (int) 2_882_341_273L,
                RtcTokenBuilder2.Role.ROLE_PUBLISHER, 3600, 3600);
    }

    @Benchmark
    public String tencentUserSigOurs() {
        return tencent.userSig("player_10042", 86_400).token();
    }

    @Benchmark
    public String tencentUserSigOfficial() {
        return tencentOfficial.genUserSig("player_10042", 86_400);
    }
}
