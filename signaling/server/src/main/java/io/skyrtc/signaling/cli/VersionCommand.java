package io.skyrtc.signaling.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code skyrtc version} (same as {@code --version}): the build's version, filtered in by Maven. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print skyrtc's version.")
final class VersionCommand implements Callable<Integer>, CommandLine.IVersionProvider {
    static final String RESOURCE = "/io/skyrtc/signaling/version.properties";

    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the build");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"skyrtc " + version()};
    }

    @Override
    public Integer call() {
        System.out.println(getVersion()[0]);
        return 0;
    }
}
