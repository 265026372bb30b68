package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.room.Ids;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Create and hash API keys.",
        subcommands = {ApiKeyCommand.New.class, ApiKeyCommand.Hash.class})
final class ApiKeyCommand {

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Print a new random API key on stdout and, on stderr, its sha256 for auth.apiKeys[].sha256. "
                    + "Keep the key for your backend; the server stores only the hash.")
    static final class New implements Callable<Integer> {
        @Override
        public Integer call() {
            String key = "sk_" + Ids.random(24);
            System.out.println(key);
            System.err.println("sha256: " + ApiKeys.sha256Hex(key));
            return 0;
        }
    }

    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "Print the sha256 of a key, as auth.apiKeys[].sha256 expects.")
    static final class Hash implements Callable<Integer> {
        @Parameters(paramLabel = "KEY", description = "the API key (as printed by apikey new)")
        String key;

        @Override
        public Integer call() {
            System.out.println(ApiKeys.sha256Hex(key));
            return 0;
        }
    }
}
