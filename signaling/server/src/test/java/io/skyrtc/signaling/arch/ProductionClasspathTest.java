package io.skyrtc.signaling.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * skyrtc.jar is this module's classes and dependencies: neither the load tools nor HdrHistogram may be among
 * them (they live in signaling/bench, skyrtc-bench.jar). The enforcer's bannedDependencies rule in this
 * module's pom stops the build earlier when one is added as a dependency.
 */
class ProductionClasspathTest {

    @Test
    void noLoadToolAndNoHdrHistogram() {
        ClassLoader loader = getClass().getClassLoader();
        assertThatThrownBy(() -> Class.forName("org.HdrHistogram.Histogram", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.skyrtc.signaling.bench.BenchRunner", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.skyrtc.signaling.cli.BenchCli", false, loader))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(loader.getResource("io/skyrtc/signaling/bench/")).isNull();
        // what it does carry: the CLI and the server
        assertThat(loader.getResource("io/skyrtc/signaling/cli/SkyrtcCli.class")).isNotNull();
    }
}
