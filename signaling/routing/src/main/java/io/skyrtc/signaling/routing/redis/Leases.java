package io.skyrtc.signaling.routing.redis;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Room ownership as Redis leases, and the member writes fenced by them. Each script runs atomically
 * in Redis, so "is the lease still mine" and the write it guards cannot be split by another node.
 * The lease value is {@code node|fence}: the fence is INCR'ed for every new lease, so two holders of
 * the same room never share a value, and a write or frame carrying an old value is refused.
 */
final class Leases {
    /**
     * Returns the owner; takes the lease with the value {@code node|fence} when nobody holds it. The fence
     * was INCR'ed just before, apart: the counter is one key for all rooms, in another Redis Cluster slot.
     */
    private static final String ACQUIRE = """
            local cur = redis.call('GET', KEYS[1])
            if cur then return cur end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return ARGV[1]""";
    /** 1 = renewed, 2 = the key was gone (Redis lost it) and is taken again with the same value, 0 = lost. */
    private static final String RENEW = """
            local cur = redis.call('GET', KEYS[1])
            if cur == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              redis.call('PEXPIRE', KEYS[2], ARGV[3])
              redis.call('PEXPIRE', KEYS[3], ARGV[3])
              return 1
            end
            if not cur then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 2
            end
            return 0""";
    private static final String PUT_MEMBER = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            return 1""";
    private static final String DEL_MEMBER = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('HDEL', KEYS[2], ARGV[2])
            return 1""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
            return 1""";
    /** A drained owner lets the room go but keeps its members, so the next owner re-creates it. */
    private static final String HAND_OVER = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1], KEYS[2])
            return 1""";
    private static final String PUT_INCARNATION = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            return 1""";

    private final RedisLink link;
    private final RedisKeys keys;
    private final String nodeId;
    private final long leaseMs;
    private final long membersTtlMs;

    Leases(RedisLink link, RedisKeys keys, String nodeId, long leaseMs, long membersTtlMs) {
        this.link = link;
        this.keys = keys;
        this.nodeId = nodeId;
        this.leaseMs = leaseMs;
        this.membersTtlMs = membersTtlMs;
    }

    /**
     * The room's owner, taking the lease when nobody holds it: one GET while it is held; else a fresh fence
     * (INCR) and the script, which still returns the other node's value if one was faster. Fences are unique
     * per lease (a racer's unused fence is skipped), so a stale value never matches a current one.
     */
    CompletableFuture<String> acquire(String room) {
        return owner(room).thenCompose(cur -> cur != null ? CompletableFuture.completedFuture(cur)
                : link.cmd().incr(keys.fence()).toCompletableFuture().thenCompose(fence -> link.evalString(ACQUIRE,
                        new String[] {keys.owner(room)}, nodeId + "|" + fence, Long.toString(leaseMs))));
    }

    CompletableFuture<String> owner(String room) {
        return link.cmd().get(keys.owner(room)).toCompletableFuture();
    }

    CompletableFuture<Long> renew(String room, String value) {
        return link.evalLong(RENEW, new String[] {keys.owner(room), keys.members(room), keys.incarnation(room)}, value,
                Long.toString(leaseMs), Long.toString(membersTtlMs));
    }

    CompletableFuture<Long> putMember(String room, String value, String peerId, String json) {
        return link.evalLong(PUT_MEMBER, new String[] {keys.owner(room), keys.members(room)}, value, peerId, json,
                Long.toString(membersTtlMs));
    }

    CompletableFuture<Long> removeMember(String room, String value, String peerId) {
        return link.evalLong(DEL_MEMBER, new String[] {keys.owner(room), keys.members(room)}, value, peerId);
    }

    CompletableFuture<Long> release(String room, String value) {
        return link.evalLong(RELEASE, new String[] {keys.owner(room), keys.members(room), keys.incarnation(room)}, value);
    }

    /** Drops the lease (and the incarnation: the old owner closed it itself), keeping the members. */
    CompletableFuture<Long> handOver(String room, String value) {
        return link.evalLong(HAND_OVER, new String[] {keys.owner(room), keys.incarnation(room)}, value);
    }

    CompletableFuture<Long> putIncarnation(String room, String value, String roomId) {
        return link.evalLong(PUT_INCARNATION, new String[] {keys.owner(room), keys.incarnation(room)}, value, roomId,
                Long.toString(membersTtlMs));
    }

    CompletableFuture<String> incarnation(String room) {
        return link.cmd().get(keys.incarnation(room)).toCompletableFuture();
    }

    CompletableFuture<Map<String, String>> members(String room) {
        return link.cmd().hgetall(keys.members(room)).toCompletableFuture();
    }
}
