package io.skyrtc.signaling.ws;

import io.skyrtc.signaling.auth.JoinAuthorizer;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.room.RoomRegistry;

/** What every connection shares. */
record EndpointContext(ProtocolCodec codec, RoomRegistry rooms, JoinAuthorizer authorizer,
                   SignalingMetrics metrics, ConnectionLimits limits) {}
