package io.skyrtc.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.auth.JoinAuthorizer;
import io.skyrtc.signaling.auth.RoomTokens;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.protocol.ProtocolLimits;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

/** A bug of ours while handling a frame still answers {@code error internal} (issue 18 item 12). */
class InternalErrorTest {

    /** A session that records what the server sends. */
    static final class RecordingSession extends CoreSession.Empty {
        final List<String> sent = new CopyOnWriteArrayList<>();
        /** Runs a handed-back read at once (the socket hands its selector back after a turn of 0.5 ms). */
        final org.eclipse.jetty.websocket.core.WebSocketComponents components =
                new org.eclipse.jetty.websocket.core.WebSocketComponents(null, null, null, null, null, Runnable::run);

        @Override
        public org.eclipse.jetty.websocket.core.WebSocketComponents getWebSocketComponents() {
            return components;
        }

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            sent.add(BufferUtil.toString(frame.getPayload(), StandardCharsets.UTF_8));
            callback.succeeded();
        }

        @Override
        public boolean isInputOpen() {
            return true;
        }
    }

    @Test
    void aFailureWhileHandlingAFrameIsAnsweredWithErrorInternal() throws Exception {
        var config = TestServers.config(Map.of("server.dev", "true"));
        // no room registry: the join fails inside the server, the way a bug would
        EndpointContext broken = new EndpointContext(new ProtocolCodec(ProtocolLimits.DEFAULTS), null,
                new JoinAuthorizer(new RoomTokens(TestServers.SECRET, Clock.systemUTC()), true),
                new SignalingMetrics(), io.skyrtc.signaling.config.FeatureSettings.ws(config).limits());
        var scheduler = new org.eclipse.jetty.util.thread.ScheduledExecutorScheduler();
        scheduler.start();
        SignalingSocket socket = new SignalingSocket(broken, scheduler,
                new ConnectionsPerAddress(1).tryReserve("127.0.0.1"), "127.0.0.1");
        RecordingSession session = new RecordingSession();
        socket.onOpen(session, Callback.NOOP);
        socket.onFrame(new Frame(OpCode.TEXT, "{\"type\":\"join\",\"room\":\"r\"}"), Callback.NOOP);
        OutboundBatch.current().flush();

        assertThat(session.sent).hasSize(1);
        var error = WsClient.JSON.readTree(session.sent.get(0));
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("code").asText()).isEqualTo("internal");
        assertThat(error.get("message").asText()).isEqualTo("internal error");

        // the connection still answers afterwards
        socket.onFrame(new Frame(OpCode.TEXT, "{\"type\":\"ping\",\"id\":\"p\"}"), Callback.NOOP);
        OutboundBatch.current().flush();
        assertThat(session.sent).hasSize(2);
        assertThat(session.sent.get(1)).contains("\"pong\"");
        scheduler.stop();
    }
}
