package io.skyrtc.signaling.routing.redis;

/**
 * Every key and channel multi-node mode uses, under {@code redis.keyPrefix} (docs/SCALING.md lists them
 * with their TTLs). The room (or node) part is a Redis Cluster hash tag, in braces: every key of a room
 * hashes to the room's slot, so each lease script touches one slot; a node's key and channel hash to
 * the node's. The same names serve a single Redis, where the braces mean nothing. Keys are never parsed
 * back except by {@link #roomOfOwnerKey}, which strips the known prefix and suffix.
 */
final class RedisKeys {
    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** {@code node|fence} of the room's owner; PX redis.leaseMs, renewed by the owner. */
    String owner(String room) {
        return prefix + ":room:{" + room + "}:owner";
    }

    /** Hash peerId → member state (JSON); PX rooms.resumeGraceMs + redis.leaseMs, renewed with the lease. */
    String members(String room) {
        return prefix + ":room:{" + room + "}:members";
    }

    /**
     * The room id of the room's current incarnation (its owner's {@code room.created}); PX as members. A
     * new owner finding it knows the old owner died without closing it, and closes it for the actor core.
     */
    String incarnation(String room) {
        return prefix + ":room:{" + room + "}:incarnation";
    }

    /** INCR'ed once per lease taken, before the lease script (it is in another slot): the fencing token. Never expires. */
    String fence() {
        return prefix + ":fence";
    }

    /** A live node: its process instance and base URL; PX redis.leaseMs, renewed by the node while it holds it. */
    String node(String nodeId) {
        return prefix + ":node:{" + nodeId + "}";
    }

    String ownerPattern() {
        return prefix + ":room:{*}:owner";
    }

    String roomOfOwnerKey(String key) {
        return key.substring((prefix + ":room:{").length(), key.length() - "}:owner".length());
    }

    /** Pub/sub channel a node reads: frames and commands for it from the other nodes. */
    byte[] channel(String nodeId) {
        return (prefix + ":ch:{" + nodeId + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
