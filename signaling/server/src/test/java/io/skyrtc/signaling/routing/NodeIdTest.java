package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServeProcess;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * server.nodeId is unique among running nodes (docs/SCALING.md, "Node ids"), with a real redis-server: a
 * second node started with a live node's id does not start (configuration error, exit code 2) and leaves
 * the first alone; a node restarted with its id after kill -9 waits for the dead process's key to expire
 * (at most a lease) and starts; a running node whose id another process took gives up its rooms, refuses
 * joins that need Redis and takes the id back once it is free.
 */
class NodeIdTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    static Map<String, String> env(RedisProcess redis, String id, long leaseMs) {
        Map<String, String> env = new HashMap<>(Cluster.env(redis, id, "ids", leaseMs));
        env.put("SKYRTC_SERVER_WARM_UP_MS", "0");
        return env;
    }

    /** Node a's key, whatever its exact name (SCALING.md, "What is in Redis"): the one node key there is. */
    static String nodeKey(RedisProcess redis) throws Exception {
        String keys = RedisOutageTest.redisCli(redis, "KEYS", "ids:node:*");
        assertThat(keys).as("one node key").doesNotContain("\n").isNotBlank();
        return keys;
    }

    @Test
    void aSecondNodeWithALiveNodesIdIsRefusedAndTheFirstGoesOn() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            SkyrtcServer a = fixture.use(TestServers.dev(Cluster.overrides(redis, "a", "ids", 1000)));
            String nodeKey = nodeKey(redis);
            String key = RedisOutageTest.redisCli(redis, "GET", nodeKey);
            assertThat(key).as("instance and base URL").matches("[0-9a-f]{16} " + a.baseUri().toString().replaceAll("/$", ""));

            try (ServeProcess twin = ServeProcess.start(List.of(), env(redis, "a", 1000))) {
                assertThat(twin.process().waitFor(90, TimeUnit.SECONDS)).as("the twin exits").isTrue();
                twin.awaitOutputEnd(5000);
                assertThat(twin.process().exitValue()).as(twin.output()).isEqualTo(2);
                assertThat(twin.output()).contains("server.nodeId a is in use by another running node")
                        .contains(nodeKey).doesNotContain("skyrtc listening on");
            }
            assertThat(RedisOutageTest.redisCli(redis, "GET", nodeKey)).as("the first node keeps its id")
                    .isEqualTo(key);
            assertThat(a.routing().redisUp()).isTrue();
            WsClient c = fixture.client(a);
            c.join("after-twin", null);
            assertThat(a.routing().ownedRooms()).contains("after-twin");
        }
    }

    @Test
    void aNodeRestartedWithItsIdAfterKill9WaitsForTheOldKeyAndStarts() throws Exception {
        long leaseMs = 15_000;  // longer than the restart takes, so the old key is still there when it checks
        try (RedisProcess redis = new RedisProcess()) {
            String before;
            String key;
            try (NodeProcess first = new NodeProcess(env(redis, "a", leaseMs))) {
                key = nodeKey(redis);
                before = RedisOutageTest.redisCli(redis, "GET", key);
                assertThat(before).endsWith(" " + first.base.toString().replaceAll("/$", ""));
                first.signal("KILL");
                first.process.waitFor(10, TimeUnit.SECONDS);
            }
            // the dead process's key as it left it, kept alive (half a lease at a time) until the new process
            // says it found it: on a loaded machine the kill, the old JVM's exit and the new JVM's start can take
            // longer than what was left of its TTL (it did at load 11-16)
            AtomicBoolean found = new AtomicBoolean();
            Thread keeper = new Thread(() -> {
                try {
                    while (!found.get()) {
                        RedisOutageTest.redisCli(redis, "SET", key, before, "PX", String.valueOf(leaseMs / 2));
                        Thread.sleep(300);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "dead-key-keeper");
            keeper.start();
            long killed = System.nanoTime();
            try (NodeProcess again = new NodeProcess(env(redis, "a", leaseMs), NodeProcess.SMALL_JVM,
                    line -> found.compareAndSet(false, line.contains("waiting up to")))) {
                keeper.join();
                long startedMs = (System.nanoTime() - killed) / 1_000_000;
                System.out.printf("node id: restarted after kill -9 with the same id, listening %d ms after the kill"
                        + " (lease %d ms)%n", startedMs, leaseMs);
                assertThat(again.log()).as("it saw the dead process's key").anyMatch(l -> l.contains("waiting up to"));
                assertThat(again.log()).anyMatch(l -> l.contains("node id a is this node's now"));
                String after = RedisOutageTest.redisCli(redis, "GET", key);
                assertThat(after).isNotEqualTo(before).endsWith(" " + again.base.toString().replaceAll("/$", ""));
                WsClient c = fixture.track(WsClient.connect(again.base));
                assertThat(c.join("restarted", null).path("type").asText()).isEqualTo("welcome");
            }
        }
    }

    @Test
    void aNodeWhoseIdWasTakenWhileRunningGivesUpItsRoomsUntilTheIdIsFreeAgain() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            SkyrtcServer a = fixture.use(TestServers.dev(Cluster.overrides(redis, "a", "ids", 1000)));
            WsClient p1 = fixture.client(a);
            p1.join("before", null);
            assertThat(a.routing().ownedRooms()).contains("before");

            // another process with the same id took the key (this one could not renew it for a lease, say)
            String nodeKey = nodeKey(redis);
            RedisOutageTest.redisCli(redis, "SET", nodeKey, "0123456789abcdef http://127.0.0.1:1", "PX", "60000");
            p1.expectError("unavailable");
            assertThat(p1.awaitClose()).as("its peers move (and resume elsewhere)").isEqualTo(1012);
            await().atMost(Duration.ofSeconds(10)).until(() -> !a.routing().redisUp() && a.routing().ownedRooms().isEmpty());
            WsClient refused = fixture.client(a);
            refused.send(WsClient.msg("join", "room", "during", "name", "x"));
            refused.expectError("unavailable");
            assertThat(RedisOutageTest.redisCli(redis, "GET", nodeKey)).as("the other process's key is left alone")
                    .startsWith("0123456789abcdef ");

            RedisOutageTest.redisCli(redis, "DEL", nodeKey);  // the other process is gone
            await().atMost(Duration.ofSeconds(10)).until(() -> a.routing().redisUp());
            assertThat(RedisOutageTest.redisCli(redis, "GET", nodeKey)).doesNotStartWith("0123456789abcdef ");
            WsClient p2 = fixture.client(a);
            assertThat(RedisOutageTest.joinRetrying(p2, "after").path("type").asText()).isEqualTo("welcome");
        }
    }
}
