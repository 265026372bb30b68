package io.skyrtc.turn.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeoutException;
import org.ice4j.message.MessageFactory;

/** A long-lived ice4j STUN stack sending bare Bindings: the baseline for the check benchmark. */
public final class StunProbe implements AutoCloseable {
    private final StunSession session;

    private StunProbe(StunSession session) {
        this.session = session;
    }

    public static StunProbe open(String stunUrl) throws IOException {
        IceUrl url = IceUrl.parse(stunUrl);
        return new StunProbe(new StunSession(new InetSocketAddress(InetAddress.getByName(url.host()), url.port())));
    }

    /** One Binding; returns the mapped address. */
    public String bind(long budgetMs) throws IOException, TimeoutException {
        return IceChecker.mappedAddress(session.send(MessageFactory.createBindingRequest(), budgetMs));
    }

    @Override
    public void close() {
        session.close();
    }
}
