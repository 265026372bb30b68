package io.skyrtc.signaling.admin;

import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.signaling.logs.EventLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What every admin route does: check the scope, log the call (logfmt, no payloads), wait a bounded time. */
final class AdminCalls {
    static final long TIMEOUT_MS = 5000;

    private AdminCalls() {}

    /** 403 without scope admin; then one {@code event=admin} line naming the key and the command. */
    static void begin(HttpCall call, String command, Object... pairs) throws HttpError {
        call.requireScope("admin");
        Object[] all = new Object[pairs.length + 4];
        all[0] = "key";
        all[1] = call.principal().name();
        all[2] = "command";
        all[3] = command;
        System.arraycopy(pairs, 0, all, 4, pairs.length);
        EventLog.info("admin", all);
    }

    static <T> T await(CompletableFuture<T> f) throws HttpError {
        try {
            return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new HttpError(503, "busy", "the rooms did not answer within " + TIMEOUT_MS + " ms", null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "busy", "interrupted", null, null);
        }
    }
}
