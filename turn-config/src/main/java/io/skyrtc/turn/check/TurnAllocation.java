package io.skyrtc.turn.check;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
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
import org.ice4j.stack.TransactionID;

/**
 * One TURN Allocate on one 5-tuple: the unauthenticated request earns the 401 challenge (REALM +
 * NONCE), the authenticated one decides pass or fail with the server's exact error code. A 438 (stale
 * nonce) is retried once with the new nonce. A successful allocation is always released. A permission
 * probe towards an IPv6 peer asks for an IPv6 relay (RFC 6156 REQUESTED-ADDRESS-FAMILY): through an
 * IPv4 relay every IPv6 peer would only earn 443 (family mismatch), never the server's peer rules.
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
    private boolean ipv6Relay;

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
        ipv6Relay = probePeer != null && InetAddress.getByName(probePeer) instanceof Inet6Address;
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
        Response allocated = sendAuthenticated(t -> allocateRequest(), IceChecker.remainingMs(deadline));
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
            Response r = sendAuthenticated(t -> MessageFactory.createCreatePermissionRequest(peerAddress, t.getBytes()),
                    Math.max(1, IceChecker.remainingMs(deadline)));
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
            Response r = sendAuthenticated(t -> MessageFactory.createRefreshRequest(0), RELEASE_BUDGET_MS);
            return r.isSuccessResponse();
        } catch (IOException | TimeoutException e) {
            return false;
        } finally {
            if (auth != null) {
                session.stack().getCredentialsManager().unregisterAuthority(auth);
            }
        }
    }

    /**
     * Sends a request built for a fresh transaction id (an IPv6 XOR-PEER-ADDRESS is encoded with it), with
     * credentials when there are any; a 438 (stale nonce) is retried once, rebuilt, with the new nonce.
     */
    private Response sendAuthenticated(Function<TransactionID, Request> build, long budgetMs)
            throws IOException, TimeoutException {
        TransactionID tid = TransactionID.createNewTransactionID();
        if (auth == null) {
            return session.send(build.apply(tid), budgetMs, tid);  // an open relay needs no credentials to release
        }
        long end = System.nanoTime() + budgetMs * 1_000_000;
        Response r = session.send(withCredentials(build.apply(tid)), budgetMs, tid);
        if (r.isErrorResponse() && StunError.of(r).code() == StunError.STALE_NONCE) {
            byte[] nonce = attr(r, Attribute.NONCE);
            if (nonce != null) {
                auth.setNonce(nonce);
                TransactionID retry = TransactionID.createNewTransactionID();
                r = session.send(withCredentials(build.apply(retry)), IceChecker.remainingMs(end), retry);
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

    private Request allocateRequest() {
        Request r = MessageFactory.createAllocateRequest(UDP, false);
        if (ipv6Relay) {
            r.putAttribute(RequestedFamily.ipv6());
        }
        return r;
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
