package io.skyrtc.signaling.turn;

import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.turn.check.IceChecker;
import io.skyrtc.turn.check.IceCredentials;
import io.skyrtc.turn.check.IceUrl;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/ice/check} (API key, scope {@code turn}): runs the ice4j check on demand. Without
 * {@code urls} it checks the configured TURN servers with skyrtc's own credentials. Those credentials
 * are only ever sent to configured servers; any other URL is checked with the caller's
 * {@code username}/{@code credential}, or only probed for its challenge. A check sends UDP from the
 * server to whatever host a URL names, so URLs that are not configured servers (same host and port as
 * one of {@code turn.urls} or {@code ice.servers}) need scope {@code admin}: 403 before anything is sent.
 */
public final class IceCheckEndpoint implements HttpEndpoint {
    public static final int MAX_URLS = 8;
    public static final long MAX_TIMEOUT_MS = 10_000;

    /** The request body; every field is optional. */
    public record Request(List<String> urls, String username, String credential, Long timeoutMs, String probePeer) {}

    private final TurnService turn;
    private final IceChecker checker;
    private final long defaultTimeoutMs;

    public IceCheckEndpoint(TurnService turn, long defaultTimeoutMs, Clock clock) {
        this.turn = turn;
        this.checker = new IceChecker(clock);
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    @Override
    public Object handle(HttpCall call) throws HttpError {
        call.requireScope("turn");
        Request req = call.body().length == 0 ? new Request(null, null, null, null, null) : call.bodyAs(Request.class);
        List<String> urls = req.urls() == null || req.urls().isEmpty() ? turn.turnUrls() : req.urls();
        if (urls.isEmpty()) {
            throw HttpError.badRequest("urls", "no URLs given and no TURN server configured (turn.urls)");
        }
        if (urls.size() > MAX_URLS) {
            throw HttpError.badRequest("urls", "at most " + MAX_URLS + " URLs per check");
        }
        List<IceUrl> parsed = new ArrayList<>();
        for (String u : urls) {
            try {
                parsed.add(IceUrl.parse(u));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("urls", e.getMessage());
            }
        }
        if (!call.principal().allows("admin")) {
            for (IceUrl u : parsed) {
                if (!isConfigured(u)) {
                    throw new HttpError(403, "forbidden", "urls: " + u.url() + " is not a configured STUN/TURN "
                            + "server (turn.urls, ice.servers); checking other hosts needs scope 'admin'", "urls",
                            null);
                }
            }
        }
        if ((req.username() == null) != (req.credential() == null)) {
            throw HttpError.badRequest(req.username() == null ? "username" : "credential",
                    "username and credential go together");
        }
        long timeoutMs = req.timeoutMs() == null ? defaultTimeoutMs : req.timeoutMs();
        if (timeoutMs < 100 || timeoutMs > MAX_TIMEOUT_MS) {
            throw HttpError.badRequest("timeoutMs", "between 100 and " + MAX_TIMEOUT_MS);
        }
        if (req.probePeer() != null && !req.probePeer().matches("[0-9a-fA-F.:]+")) {
            throw HttpError.badRequest("probePeer", "an IP address literal");
        }
        Duration timeout = Duration.ofMillis(timeoutMs);
        List<IceChecker.Target> targets = new ArrayList<>();
        for (String url : urls) {
            IceCredentials creds = req.username() != null ? new IceCredentials.Fixed(req.username(), req.credential())
                    : turn.turnUrls().contains(url) ? new IceCredentials.RestSecret(turn.secrets().get(0),
                            "skyrtc-check", Duration.ofMinutes(5))
                    : new IceCredentials.None();
            targets.add(new IceChecker.Target(url, new IceChecker.Options(timeout, creds, req.probePeer())));
        }
        return checker.checkEach(targets);
    }

    /** Same host (case-insensitive) and port as a configured server: the same coturn, any scheme. */
    private boolean isConfigured(IceUrl u) {
        for (String c : turn.configuredUrls()) {
            try {
                IceUrl conf = IceUrl.parse(c);
                if (conf.host().equalsIgnoreCase(u.host()) && conf.port() == u.port()) {
                    return true;
                }
            } catch (IllegalArgumentException ignored) {
                // ice.servers may hold URLs ice4j cannot check; they match nothing
            }
        }
        return false;
    }
}
