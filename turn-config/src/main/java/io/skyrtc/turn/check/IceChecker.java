package io.skyrtc.turn.check;

import io.skyrtc.turn.TurnRestCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;

/**
 * Server-side "trickle ICE" check of STUN and TURN servers over UDP with ice4j's STUN stack: a Binding
 * for {@code stun:} URLs; for {@code turn:} URLs an Allocate (challenge, then authenticated), an optional
 * CreatePermission probe, and a Refresh with lifetime 0 so no allocation outlives the check. Every URL
 * gets its own socket and a budget of {@code timeout}; URLs are checked in parallel.
 */
public final class IceChecker {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ice-check-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private static final int STALE_PORT_RETRIES = 5;

    private final Clock clock;

    public IceChecker(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param timeout    budget per server; a server that does not answer in time fails with "timeout"
     * @param probePeer  optional IP to CreatePermission towards after a successful Allocate (null = skip)
     */
    public record Options(Duration timeout, IceCredentials credentials, String probePeer) {
        public Options {
            timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
            credentials = credentials == null ? new IceCredentials.None() : credentials;
            if (timeout.toMillis() < 1 || timeout.toMillis() > 60_000) {
                throw new IllegalArgumentException("timeout must be 1..60000 ms");
            }
        }
    }

    /** One URL and how to check it (servers in one run may need different credentials). */
    public record Target(String url, Options options) {}

    /** Checks every URL with the same options (parse errors are reported per URL, not thrown). */
    public IceCheckReport check(List<String> urls, Options options) {
        return checkEach(urls.stream().map(u -> new Target(u, options)).toList());
    }

    /** Checks all targets in parallel; results keep the targets' order. */
    public IceCheckReport checkEach(List<Target> targets) {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        List<CompletableFuture<ServerCheck>> futures = new ArrayList<>();
        for (Target t : targets) {
            futures.add(CompletableFuture.supplyAsync(() -> checkOne(t.url(), t.options()), POOL));
        }
        List<ServerCheck> results = futures.stream().map(CompletableFuture::join).toList();
        long timeoutMs = targets.stream().mapToLong(t -> t.options().timeout().toMillis()).max().orElse(0);
        return IceCheckReport.of(start, (System.nanoTime() - t0) / 1_000_000, timeoutMs, results);
    }

    public ServerCheck checkOne(String raw, Options options) {
        return checkOne(raw, options, 0);
    }

    /** @param firstLocalPort local UDP port of the first attempt (0 = any; tests pin it) */
    ServerCheck checkOne(String raw, Options options, int firstLocalPort) {
        IceUrl url;
        try {
            url = IceUrl.parse(raw);
        } catch (IllegalArgumentException e) {
            return new ServerCheck(raw, "unknown", ServerCheck.Status.FAILED, null, null, null, null, null, null,
                    e.getMessage(), null, null);
        }
        if (!url.checkableOverUdp()) {
            return ServerCheck.notChecked(url, "ice4j checks UDP only; " + (url.isSecure() ? "TLS" : "TCP")
                    + " transport was not checked");
        }
        long deadline = System.nanoTime() + options.timeout().toNanos();
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(url.host()), url.port());
        } catch (UnknownHostException e) {
            return ServerCheck.failed(url, null, null, null, "cannot resolve host " + url.host());
        }
        String server = address.getAddress().getHostAddress() + ":" + address.getPort();
        try (StunSession session = new StunSession(address, firstLocalPort)) {
            if (!url.isTurn()) {
                return binding(session, url, server, deadline);
            }
            IceCredentials.Fixed creds = credentialsFor(options.credentials());
            ServerCheck r = new TurnAllocation(session, url, server, creds, deadline).run(options.probePeer(), true);
            // the OS may hand out the local port of a check that just ended while coturn still holds that
            // 5-tuple (it frees released allocations ~1 s later): 437 to the first Allocate. Retry from
            // other ports; keeping the earlier sockets open guarantees each retry a different one.
            List<StunSession> held = new ArrayList<>();
            try {
                for (int i = 0; i < STALE_PORT_RETRIES && TurnAllocation.staleFiveTuple(r); i++) {
                    StunSession fresh = new StunSession(address, 0);
                    held.add(fresh);
                    r = new TurnAllocation(fresh, url, server, creds, deadline).run(options.probePeer(), true);
                }
            } finally {
                held.forEach(StunSession::close);
            }
            return r;
        } catch (TimeoutException e) {
            return ServerCheck.failed(url, server, null, null, "timeout: no answer within "
                    + options.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return ServerCheck.failed(url, server, null, null, "I/O error: " + e.getMessage());
        }
    }

    private ServerCheck binding(StunSession session, IceUrl url, String server, long deadline)
            throws IOException, TimeoutException {
        long t0 = System.nanoTime();
        Request request = MessageFactory.createBindingRequest();
        Response response = session.send(request, remainingMs(deadline));
        double rtt = (System.nanoTime() - t0) / 1e6;
        if (response.isErrorResponse()) {
            StunError err = StunError.of(response);
            return new ServerCheck(url.url(), "stun", ServerCheck.Status.FAILED, server, null, null, rtt,
                    err.code(), err.reason(), "Binding error response", null, null);
        }
        String mapped = mappedAddress(response);
        if (mapped == null) {
            return new ServerCheck(url.url(), "stun", ServerCheck.Status.FAILED, server, null, null, rtt, null, null,
                    "Binding response without a mapped address", null, null);
        }
        return new ServerCheck(url.url(), "stun", ServerCheck.Status.PASSED, server, mapped, null, rtt, null, null,
                null, null, null);
    }

    /** Credentials to authenticate the Allocate with; null = only probe for the 401 challenge. */
    private IceCredentials.Fixed credentialsFor(IceCredentials c) {
        if (c instanceof IceCredentials.Fixed f) {
            return f;
        }
        if (c instanceof IceCredentials.RestSecret s) {
            TurnRestCredentials.Credential cred = new TurnRestCredentials(List.of(s.secret()), clock)
                    .issue(s.user(), s.ttl());
            return new IceCredentials.Fixed(cred.username(), cred.password());
        }
        return null;
    }

    static long remainingMs(long deadlineNanos) {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    static String mappedAddress(Response response) {
        if (response.getAttribute(Attribute.XOR_MAPPED_ADDRESS) instanceof XorMappedAddressAttribute x) {
            TransportAddress a = x.getAddress(response.getTransactionID());
            return a.getHostAddress() + ":" + a.getPort();
        }
        return null;
    }
}
