package io.skyrtc.signaling.config;

import io.skyrtc.signaling.protocol.ProtocolLimits;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.RoomSettings;
import io.skyrtc.signaling.skynet.GateSettings;
import io.skyrtc.signaling.skynet.Overflow;
import io.skyrtc.signaling.skynet.cluster.ClusterSettings;
import io.skyrtc.signaling.turn.TurnSettings;
import io.skyrtc.signaling.tokenapi.TokenApiSettings;
import io.skyrtc.signaling.ws.ConnectionLimits;
import io.skyrtc.signaling.ws.WsSettings;
import java.time.Duration;

/**
 * Maps the validated configuration tree onto each feature's own settings record. Features never see
 * {@link SkyrtcConfig}: the dependency points from this package to them, never back.
 */
public final class FeatureSettings {
    private FeatureSettings() {}

    public static ProtocolLimits protocol(SkyrtcConfig c) {
        SkyrtcConfig.Limits l = c.limits();
        return new ProtocolLimits(l.maxSdpBytes(), l.maxNameChars(), l.maxMetaBytes(), l.maxRoomChars(),
                ProtocolLimits.DEFAULTS.maxIdChars(), ProtocolLimits.DEFAULTS.maxJsonDepth());
    }

    public static RoomSettings rooms(SkyrtcConfig c) {
        SkyrtcConfig.Limits l = c.limits();
        SkyrtcConfig.Rooms r = c.rooms();
        return new RoomSettings(r.maxPeersPerRoom(), r.maxRooms(), r.emptyRoomTtlMs(),
                r.resumeGraceMs(), r.resumeQueueMax(), r.resumeQueueMaxBytes(), l.pingIntervalMs(),
                new ServerMessage.LimitsInfo(l.maxFrameBytes(), l.maxSdpBytes(), l.ratePerSecond(), l.rateBurst(),
                        r.maxPeersPerRoom(), l.idleTimeoutMs(), r.resumeGraceMs()), r.eventLogSize());
    }

    public static WsSettings ws(SkyrtcConfig c) {
        SkyrtcConfig.Server s = c.server();
        return new WsSettings(s.dev(), s.allowedOrigins(), s.trustedProxies(), connectionLimits(c.limits()));
    }

    public static ConnectionLimits connectionLimits(SkyrtcConfig.Limits l) {
        return new ConnectionLimits(l.maxFrameBytes(), l.ratePerSecond(), l.rateBurst(), l.outboundQueueMax(),
                l.outboundQueueMaxBytes(), l.idleTimeoutMs(), l.joinTimeoutMs(), l.maxConnections(),
                l.maxConnectionsPerIp());
    }

    public static TurnSettings turn(SkyrtcConfig c) {
        SkyrtcConfig.Turn t = c.turn();
        return new TurnSettings(c.ice().servers().stream()
                .map(e -> new ServerMessage.IceServer(java.util.List.copyOf(e.urls()), e.username(), e.credential()))
                .toList(), t.urls(), t.secrets(), Duration.ofSeconds(t.ttlSeconds()),
                Duration.ofMillis(t.healthIntervalMs()), Duration.ofMillis(t.checkTimeoutMs()));
    }

    public static TokenApiSettings tokenApi(SkyrtcConfig.Vendors v) {
        return new TokenApiSettings(
                v.agora().stream().map(a -> new TokenApiSettings.AgoraApp(a.name(), a.appId(), a.appCertificate(),
                        a.nameCharset())).toList(),
                v.tencent().stream().map(t -> new TokenApiSettings.TencentApp(t.name(), t.sdkAppId(), t.secretKey()))
                        .toList(),
                v.agoraDefaultTtlSeconds(), v.tencentDefaultTtlSeconds());
    }

    /** A gate entry, defaults applied by {@link SkyrtcConfig.Gate}; its enum values are validated. */
    public static GateSettings gate(SkyrtcConfig.Gate g) {
        return new GateSettings(g.name(), GateSettings.Transport.parse(g.transport()), g.host(), g.port(), g.path(),
                g.tls(), g.maxPayloadBytes(), g.outboxMax(), Overflow.parse(g.overflow()), g.reconnectMinMs(),
                g.reconnectMaxMs(), GateSettings.Encoding.parse(g.encoding()), g.batchMaxEvents(), g.drainTimeoutMs());
    }

    public static ClusterSettings cluster(SkyrtcConfig.Cluster c) {
        return new ClusterSettings(c.listen(), c.register(), c.nodes(), c.nodesFile(), c.reloadIntervalMs(),
                c.eventsNode(), c.eventsAddress(), c.window(), c.outboxMax(), Overflow.parse(c.overflow()),
                c.callTimeoutMs(), c.connectTimeoutMs(), c.maxMessageBytes(), c.maxConnections(), c.reconnectMinMs(),
                c.reconnectMaxMs(), c.batchMax());
    }
}
