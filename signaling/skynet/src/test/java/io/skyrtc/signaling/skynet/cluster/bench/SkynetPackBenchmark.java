package io.skyrtc.signaling.skynet.cluster.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.skynet.cluster.SkynetPack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * skynet.pack of what the cluster link carries: a room event table (as ClusterEventLink builds it) and
 * a 1 KiB data payload, both ways; Jackson JSON of the same event (what the gate link writes) as a
 * yardstick. README "Benchmark" has the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SkynetPackBenchmark {
    private final ObjectMapper json = new ObjectMapper();
    private Map<Object, Object> event;
    private byte[] eventBytes;
    private Map<Object, Object> bigData;
    private byte[] bigDataBytes;

    @Setup
    public void setup() {
        event = new LinkedHashMap<>();
        event.put("type", "peer.data");
        event.put("id", 7_234_567_890_123_456_789L);
        event.put("time", "2026-11-21T10:15:30.123Z");
        event.put("node", "rtc-1");
        event.put("room", "match-42");
        event.put("peer", "p-3k9v2x7q1m");
        event.put("identity", "user-1001");
        event.put("payload", Map.of("cmd", "move", "x", 120L, "y", -35L, "items", List.of(1L, 2L, 3L)));
        event.put("seq", 123_456L);
        eventBytes = SkynetPack.pack("room_event", event);
        bigData = new LinkedHashMap<>(event);
        bigData.put("payload", Map.of("blob", "z".repeat(1024)));
        bigDataBytes = SkynetPack.pack("room_event", bigData);
    }

    @Benchmark
    public byte[] packEvent() {
        return SkynetPack.pack("room_event", event);
    }

    @Benchmark
    public List<Object> unpackEvent() {
        return SkynetPack.unpack(eventBytes);
    }

    @Benchmark
    public byte[] packEvent1KiB() {
        return SkynetPack.pack("room_event", bigData);
    }

    @Benchmark
    public List<Object> unpackEvent1KiB() {
        return SkynetPack.unpack(bigDataBytes);
    }

    @Benchmark
    public byte[] jsonEvent() throws Exception {
        return json.writeValueAsBytes(event);
    }
}
