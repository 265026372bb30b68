package io.skyrtc.signaling.cli;

import io.skyrtc.turn.check.IceCheckReport;
import io.skyrtc.turn.check.IceChecker;
import io.skyrtc.turn.check.IceCredentials;
import io.skyrtc.turn.check.IceUrl;
import io.skyrtc.turn.check.ServerCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code skyrtc ice-check URL...}: STUN Binding / TURN Allocate against each server with ice4j.
 * Exit 0 = every checked server passed, 1 = a server failed, 3 = nothing could be checked (TCP/TLS
 * only), 2 = bad arguments.
 */
@Command(name = "ice-check", mixinStandardHelpOptions = true,
        description = "Check STUN/TURN servers (Binding, Allocate with credentials, release).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every checked server passed", "1:a server failed", "2:bad arguments",
            "3:nothing could be checked (TCP/TLS URLs only)"})
final class IceCheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", arity = "1..*", description = "stun:/turn:/turns: URLs")
    List<String> urls;

    @ArgGroup(exclusive = true)
    Credentials credentials;

    static final class Credentials {
        @Option(names = "--secret", paramLabel = "SECRET", description = "coturn static-auth-secret: mint TURN REST credentials")
        String secret;

        @ArgGroup(exclusive = false)
        Fixed fixed;
    }

    static final class Fixed {
        @Option(names = "--username", required = true, paramLabel = "USER", description = "TURN username")
        String username;

        @Option(names = "--credential", required = true, paramLabel = "PASSWORD", description = "TURN credential (password)")
        String credential;
    }

    @Option(names = "--user", defaultValue = "skyrtc-check", paramLabel = "USER",
            description = "with --secret: user part of minted REST usernames (default ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--timeout-ms", defaultValue = "3000", paramLabel = "MS",
            description = "budget per server, 1..60000 ms (default ${DEFAULT-VALUE})")
    long timeoutMs;

    @Option(names = "--probe-peer", paramLabel = "IP",
            description = "after Allocate, CreatePermission towards IP (a hardened relay refuses private IPs: 403)")
    String probePeer;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() {
        for (String url : urls) {
            IceUrl.parse(url);  // a URL that is not STUN/TURN is a bad argument (exit 2), not a failed server
        }
        if (timeoutMs < 1 || timeoutMs > 60_000) {
            throw new IllegalArgumentException("--timeout-ms must be 1..60000");
        }
        IceCredentials creds = credentials == null ? new IceCredentials.None()
                : credentials.secret != null ? new IceCredentials.RestSecret(credentials.secret, user, null)
                : new IceCredentials.Fixed(credentials.fixed.username, credentials.fixed.credential);
        IceCheckReport report = new IceChecker(Clock.systemUTC())
                .check(urls, new IceChecker.Options(Duration.ofMillis(timeoutMs), creds, probePeer));
        System.out.println(json ? CliJson.write(report) : text(report));
        return report.passed() ? 0 : report.anyChecked() ? 1 : 3;
    }

    private static String text(IceCheckReport report) {
        StringBuilder sb = new StringBuilder();
        for (ServerCheck s : report.servers()) {
            sb.append(String.format("%-11s %-4s %s", s.status().json().toUpperCase(), s.kind(), s.url()));
            if (s.rttMs() != null) {
                sb.append(String.format("  %.1f ms", s.rttMs()));
            }
            if (s.mappedAddress() != null) {
                sb.append("  mapped ").append(s.mappedAddress());
            }
            if (s.relayedAddress() != null) {
                sb.append("  relayed ").append(s.relayedAddress());
            }
            if (s.errorCode() != null) {
                sb.append("  error ").append(s.errorCode()).append(' ').append(s.errorReason());
            }
            if (s.detail() != null) {
                sb.append("  (").append(s.detail()).append(')');
            }
            if (s.permission() != null) {
                ServerCheck.PermissionProbe p = s.permission();
                sb.append("  permission ").append(p.peer()).append(p.allowed() ? " allowed"
                        : " refused" + (p.errorCode() == null ? "" : " " + p.errorCode()));
            }
            sb.append('\n');
        }
        sb.append(report.passed() ? "PASSED" : report.anyChecked() ? "FAILED" : "NOTHING CHECKED")
                .append(" in ").append(report.durationMs()).append(" ms");
        return sb.toString();
    }
}
