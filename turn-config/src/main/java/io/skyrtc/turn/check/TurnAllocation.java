package io.skyrtc.turn.check;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.attribute.XorRelayedAddressAttribute;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.LongTermCredential;
import org.ice4j.security.LongTermCredentialSession;

/**
 * One TURN Allocate on one 5-tuple: the unauthenticated request earns the 401 challenge (REALM +
 * NONCE), the authenticated one decides pass or fail with the server's exact error code. A 438 (stale
 * nonce) is retried once with the new nonce. A successful allocation is always released.
 */
final class TurnAllocation {
    private static final byte UDP = 17;
    private static final long RELEASE_BUDGET_MS = 1000;
    private static final String CHALLENGE_REFUSED = "unexpected answer to the unauthenticated Allocate";

    private final StunSession session;
    private final IceUrl url;
    private final String server;
    private final IceCredentials.Fixed credentials;
    private final long deadline;
    private LongTermCredentialSession auth;

    TurnAllocation(StunSession session, IceUrl url, String server, IceCredentials.Fixed credentials, long deadline) {
        this.session = session;
        this.url = url;
        this.server = server;
        this.credentials = credentials;
        this.deadline = deadline;
    }

    /** A 437 to the very first, unauthenticated Allocate: the 5-tuple still belongs to an older allocation. */
    static boolean staleFiveTuple(ServerCheck r) {
        return r.status() == ServerCheck.Status.FAILED && r.errorCode() != null && r.errorCode() == 437
                && CHALLENGE_REFUSED.equals(r.detail());
    }

    /** @param release false only in tests that prove what an unreleased allocation does */
    ServerCheck run(String probePeer, boolean release) throws IOException, TimeoutException {
        long t0 = System.nanoTime();
        Response challenge = session.send(allocateRequest(), IceChecker.remainingMs(deadline));
        double challengeRtt = (System.nanoTime() - t0) / 1e6;
        if (challenge.isSuccessResponse()) {
            release();
            return result(ServerCheck.Status.FAILED, challenge, challengeRtt, null, null,
                    "allocated without credentials: this is an open relay");
        }
        StunError first = StunError.of(challenge);
        byte[] realm = attr(challenge, Attribute.REALM);
        byte[] nonce = attr(challenge, Attribute.NONCE);
        if (first.code() != StunError.UNAUTHORIZED || realm == null || nonce == null) {
            return result(ServerCheck.Status.FAILED, null, challengeRtt, first.code(), first.reason(),
                    CHALLENGE_REFUSED);
        }
        if (credentials == null) {
            return new ServerCheck(url.url(), "turn", ServerCheck.Status.NOT_CHECKED, server, null, null,
                    challengeRtt, null, null, "the server answered with its 401 challenge (realm "
                    + new String(realm, StandardCharsets.UTF_8) + ") but no credentials were given", null, null);
        }
        auth = new LongTermCredentialSession(new LongTermCredential(credentials.username(), credentials.credential()),
                realm);
        auth.setNonce(nonce);
        session.stack().getCredentialsManager().registerAuthority(auth);
        long t1 = System.nanoTime();
        Response allocated = sendAuthenticated(allocateRequest(), IceChecker.remainingMs(deadline));
        double rtt = (System.nanoTime() - t1) / 1e6;
        if (!allocated.isSuccessResponse()) {
            StunError err = StunError.of(allocated);
            return result(ServerCheck.Status.FAILED, null, rtt, err.code(), err.reason(),
                    err.code() == StunError.UNAUTHORIZED ? "credentials refused (wrong secret or expired username)"
                            : "Allocate refused");
        }
        ServerCheck.PermissionProbe permission = probePeer == null ? null : permission(probePeer);
        Boolean released = release ? release() : null;
        return new ServerCheck(url.url(), "turn", ServerCheck.Status.PASSED, server,
                IceChecker.mappedAddress(allocated), relayed(allocated), rtt, null, null, null, permission,
                released);
    }

    private ServerCheck.PermissionProbe permission(String peer) throws IOException {
        TransportAddress peerAddress = new TransportAddress(InetAddress.getByName(peer), 9, Transport.UDP);
        try {
            Request request = MessageFactory.createCreatePermissionRequest(peerAddress, new byte[12]);
            Response r = sendAuthenticated(request, Math.max(1, IceChecker.remainingMs(deadline)));
            if (r.isSuccessResponse()) {
                return new ServerCheck.PermissionProbe(peer, true, null, null, null);
            }
            StunError err = StunError.of(r);
            return new ServerCheck.PermissionProbe(peer, false, err.code(), err.reason(), null);
        } catch (TimeoutException e) {
            return new ServerCheck.PermissionProbe(peer, false, null, null, "timeout");
        }
    }

    /** Refresh with lifetime 0 (RFC 8656 §7): the server frees the relay port at once. */
    private boolean release() {
        try {
            Response r = sendAuthenticated(MessageFactory.createRefreshRequest(0), RELEASE_BUDGET_MS);
            return r.isSuccessResponse();
        } catch (IOException | TimeoutException e) {
            return false;
        } finally {
            if (auth != null) {
                session.stack().getCredentialsManager().unregisterAuthority(auth);
            }
        }
    }

    private Response sendAuthenticated(Request request, long budgetMs) throws IOException, TimeoutException {
        if (auth == null) {
            return session.send(request, budgetMs);  // an open relay needs no credentials to release
        }
        long end = System.nanoTime() + budgetMs * 1_000_000;
        Response r = session.send(withCredentials(request), budgetMs);
        if (r.isErrorResponse() && StunError.of(r).code() == StunError.STALE_NONCE) {
            byte[] nonce = attr(r, Attribute.NONCE);
            if (nonce != null) {
                auth.setNonce(nonce);
                r = session.send(withCredentials(copyWithoutCredentials(request)), IceChecker.remainingMs(end));
            }
        }
        return r;
    }

    private Request withCredentials(Request request) throws IOException {
        try {
            auth.addAttributes(request);
            return request;
        } catch (StunException e) {
            throw new IOException("cannot add credentials: " + e.getMessage(), e);
        }
    }

    private static Request copyWithoutCredentials(Request request) {
        for (char type : new char[] {Attribute.USERNAME, Attribute.REALM, Attribute.NONCE,
                Attribute.MESSAGE_INTEGRITY, Attribute.FINGERPRINT}) {
            request.removeAttribute(type);
        }
        return request;
    }

    private static Request allocateRequest() {
        return MessageFactory.createAllocateRequest(UDP, false);
    }

    private ServerCheck result(ServerCheck.Status status, Response r, double rtt, Integer code, String reason,
                               String detail) {
        return new ServerCheck(url.url(), "turn", status, server, r == null ? null : IceChecker.mappedAddress(r),
                r == null ? null : relayed(r), rtt, code, reason, detail, null, null);
    }

    private static String relayed(Response r) {
        if (r.getAttribute(Attribute.XOR_RELAYED_ADDRESS) instanceof XorRelayedAddressAttribute x) {
            TransportAddress a = x.getAddress(r.getTransactionID());
            return a.getHostAddress() + ":" + a.getPort();
        }
        return null;
    }

    private static byte[] attr(Response r, char type) {
        Attribute a = r.getAttribute(type);
        if (a instanceof RealmAttribute realm) {
            return realm.getRealm();
        }
        if (a instanceof NonceAttribute nonce) {
            return nonce.getNonce();
        }
        return null;
    }
}
