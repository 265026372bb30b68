package io.skyrtc.signaling.http;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/** The HTTP settings of the listening connector that matter for credentials and disclosure. */
public final class HttpHardening {
    private HttpHardening() {}

    /**
     * Jetty caches header fields per connection and, by default, looks values up ignoring case: on
     * one keep-alive connection, {@code Authorization: Bearer ABC} after {@code Bearer abc} would reach
     * us as the first value. API keys are case-sensitive, so the cache must be too. The
     * {@code Server: Jetty(version)} header only helps an attacker pick exploits; it is not sent.
     */
    public static void apply(ServerConnector connector) {
        HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        http.setHeaderCacheCaseSensitive(true);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
    }
}
