package io.skyrtc.signaling.skynet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** skyrtc calling the reference peer (a node that behaves as real skynet's clusteragent). */
class ClusterClientTest {
    static final long TIMEOUT = 10_000;
    ReferenceNode node;
    ClusterClient client;

    @BeforeEach
    void start() throws Exception {
        node = ReferenceNode.serve(0, Map.of("PEER_THREADED", "1"));
        client = new ClusterClient("ref", () -> new InetSocketAddress("127.0.0.1", node.port), 2000, 1 << 24);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        node.close();
    }

    @Test
    void callsByLocalNameAtNameAndHandleReturnTheValues() throws Exception {
        Map<Object, Object> table = new LinkedHashMap<>();
        table.put("room", "r1");
        table.put("id", 1L << 60);  // a snowflake id: must stay an exact integer
        table.put("nested", List.of(1L, 2.5, "x", false));
        List<Object> back = client.call(new ClusterAddress.Name(".echo"), TIMEOUT, "echo", table).get();
        assertThat(back).containsExactly("echo", table);

        long handle = client.query("echo", TIMEOUT).get();
        assertThat(client.call(new ClusterAddress.Handle(handle), TIMEOUT, "by-handle").get()).containsExactly("by-handle");
        assertThat(client.call(new ClusterAddress.Name("@echo"), TIMEOUT, "at").get()).containsExactly("at");
        assertThat(client.call(new ClusterAddress.Name(String.format(":%08x", handle)), TIMEOUT, "hex").get())
                .containsExactly("hex");
    }

    @Test
    void remoteErrorsCarryTheirTextAndTheConnectionStaysUsable() throws Exception {
        assertThatThrownBy(() -> client.call(new ClusterAddress.Name(".nosuch"), TIMEOUT, "x").get())
                .cause().isInstanceOf(ClusterException.class)
                .hasMessageContaining("call to invalid address")
                .satisfies(e -> assertThat(((ClusterException) e).kind).isEqualTo(ClusterException.Kind.REMOTE));
        assertThatThrownBy(() -> client.query("nosuch", TIMEOUT).get()).cause().hasMessage("name not found");
        assertThatThrownBy(() -> client.call(new ClusterAddress.Name(".rtc_events"), TIMEOUT, "bogus").get())
                .cause().hasMessageContaining("unknown command");
        assertThat(client.call(new ClusterAddress.Name(".echo"), TIMEOUT, "still").get()).containsExactly("still");
    }

    @Test
    void largeRequestsAndResponsesAreSplitAndJoined() throws Exception {
        for (int size : new int[] {32_760, 32_768, 40_000, 70_000, 300_000}) {
            String big = "A".repeat(size);
            assertThat(client.call(new ClusterAddress.Name(".echo"), TIMEOUT, big).get()).containsExactly(big);
        }
    }

    @Test
    void concurrentCallsAreMatchedBySession() throws Exception {
        List<CompletableFuture<List<Object>>> calls = new ArrayList<>();
        for (long i = 0; i < 200; i++) {
            Object arg = i % 10 == 0 ? "B".repeat(40_000) + i : i;  // large ones interleave with small ones
            calls.add(client.call(new ClusterAddress.Name(".echo"), TIMEOUT, arg));
        }
        for (long i = 0; i < 200; i++) {
            Object expected = i % 10 == 0 ? "B".repeat(40_000) + i : i;
            assertThat(calls.get((int) i).get()).containsExactly(expected);
        }
    }

    @Test
    void pushesSmallAndLargeArriveWithoutAnswers() throws Exception {
        client.send(new ClusterAddress.Name(".echo"), SkynetPack.pack("push", 1L));
        client.send(new ClusterAddress.Name(".echo"), SkynetPack.pack("push", "C".repeat(70_000)));
        client.send(new ClusterAddress.Name(".nosuch"), SkynetPack.pack("push"));  // dropped, no answer
        // a push has no answer: a later call on the same connection sees the count once both are in
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client.call(new ClusterAddress.Name(".pushes"), TIMEOUT, "count").get()).containsExactly(2L));
    }

    @Test
    void aRestartedNodeIsReconnectedOnTheNextCall() throws Exception {
        assertThat(client.call(new ClusterAddress.Name(".echo"), TIMEOUT, 1L).get()).containsExactly(1L);
        int port = node.port;
        node.close();
        assertThatThrownBy(() -> client.call(new ClusterAddress.Name(".echo"), TIMEOUT, 2L).get())
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ClusterException.class)
                .satisfies(e -> assertThat(((ClusterException) e).kind).isEqualTo(ClusterException.Kind.UNAVAILABLE));
        node = ReferenceNode.serve(port, Map.of("PEER_THREADED", "1"));
        assertThat(client.call(new ClusterAddress.Name(".echo"), TIMEOUT, 3L).get()).containsExactly(3L);
    }

    @Test
    void aCallWithoutAnswerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ClusterClient c = new ClusterClient("silent",
                    () -> new InetSocketAddress("127.0.0.1", silent.getLocalPort()), 2000, 1 << 20);
            assertThatThrownBy(() -> c.call(new ClusterAddress.Name(".x"), 200, "hi").get())
                    .cause().isInstanceOf(ClusterException.class).hasMessageContaining("within 200 ms")
                    .satisfies(e -> assertThat(((ClusterException) e).kind).isEqualTo(ClusterException.Kind.TIMEOUT));
            c.close();
        }
    }
}
