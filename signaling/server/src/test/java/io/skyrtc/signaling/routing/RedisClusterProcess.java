package io.skyrtc.signaling.routing;

import io.skyrtc.turn.testing.SystemPackages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster: {@code masters} Debian redis-servers in cluster mode on free loopback ports, formed
 * with {@code redis-cli --cluster create ... --cluster-replicas 0}, ready once every node says
 * {@code cluster_state:ok}. Without persistence, like {@link RedisProcess}.
 */
final class RedisClusterProcess implements AutoCloseable {
    final List<RedisProcess> nodes = new ArrayList<>();
    private final Path cli;

    RedisClusterProcess(int masters) throws Exception {
        this.cli = SystemPackages.require("redis-cli", "redis-tools");
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(new RedisProcess(List.of("--cluster-enabled", "yes", "--cluster-node-timeout", "3000")));
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            String out = cli(nodes.get(0).port, create.toArray(String[]::new));
            if (!out.contains("All 16384 slots covered")) {
                throw new IOException("redis-cli --cluster create failed: " + out);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!nodes.stream().allMatch(n -> info(n).contains("cluster_state:ok")
                    && info(n).contains("cluster_known_nodes:" + masters))) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the cluster did not reach cluster_state:ok: " + info(nodes.get(0)));
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private String info(RedisProcess n) {
        try {
            return cli(n.port, "CLUSTER", "INFO");
        } catch (Exception e) {
            return "";
        }
    }

    /** The seed list as an operator writes it (Lettuce's form): every node. */
    String url() {
        return "redis://" + nodes.stream().map(n -> "127.0.0.1:" + n.port).collect(Collectors.joining(","));
    }

    /** redis-cli against one node, without following redirects (a key on another master answers MOVED). */
    String cli(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(cli.toString(), "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** The port of the master that holds {@code key}: the one node answering EXISTS without MOVED (-1: none has it). */
    int masterHolding(String key) throws Exception {
        for (RedisProcess n : nodes) {
            if (cli(n.port, "EXISTS", key).equals("1")) {
                return n.port;
            }
        }
        return -1;
    }

    /** Moves one slot, with its keys, from one master to another, as a resharding does. */
    void moveSlot(String slot, int fromPort, int toPort) throws Exception {
        String fromId = cli(fromPort, "CLUSTER", "MYID");
        String toId = cli(toPort, "CLUSTER", "MYID");
        cli(toPort, "CLUSTER", "SETSLOT", slot, "IMPORTING", fromId);
        cli(fromPort, "CLUSTER", "SETSLOT", slot, "MIGRATING", toId);
        for (String key : cli(fromPort, "CLUSTER", "GETKEYSINSLOT", slot, "1000").split("\n")) {
            if (!key.isBlank()) {
                cli(fromPort, "MIGRATE", "127.0.0.1", Integer.toString(toPort), key.trim(), "0", "5000");
            }
        }
        cli(toPort, "CLUSTER", "SETSLOT", slot, "NODE", toId);
        cli(fromPort, "CLUSTER", "SETSLOT", slot, "NODE", toId);
        for (RedisProcess n : nodes) {
            cli(n.port, "CLUSTER", "SETSLOT", slot, "NODE", toId);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (RedisProcess n : nodes) {
            n.close();
        }
    }
}
