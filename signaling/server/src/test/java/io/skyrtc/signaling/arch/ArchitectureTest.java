package io.skyrtc.signaling.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.skyrtc.signaling.skynet.GateFrames;
import io.skyrtc.signaling.arch.a.CycleA;
import io.skyrtc.signaling.arch.b.CycleB;
import org.junit.jupiter.api.Test;

/**
 * The shape README "Modules" describes, checked on the compiled main classes of core, skynet and server:
 * no package cycles, the configuration at the top (no feature sees its tree), and the skynet cluster
 * library free of skyrtc types.
 */
class ArchitectureTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            // main classes only: core's and skynet's come as directories or jars (after `package`), tests never
            .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
            .importPackages("io.skyrtc.signaling");

    /** The glue between the cluster library and the rooms; everything else in skynet.cluster is the library. */
    static final String[] CLUSTER_GLUE = {"ClusterNode", "ClusterEventLink", "CommandService", "ClusterSettings"};

    /** A top-level package (with its subpackages) is a slice; no two may depend on each other. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.skyrtc.signaling.(*)..").should().beFreeOfCycles();

    /** Only the config package, the CLI and the composition root (SkyrtcServer) know the configuration tree. */
    static final ArchRule CONFIG_AT_THE_TOP = noClasses()
            .that().resideOutsideOfPackages("io.skyrtc.signaling.config..", "io.skyrtc.signaling.cli..",
                    "io.skyrtc.signaling")
            .should().dependOnClassesThat().resideInAPackage("io.skyrtc.signaling.config..");

    static final ArchRule CLUSTER_LIBRARY_FREE_OF_SKYRTC = classes()
            .that().resideInAPackage("io.skyrtc.signaling.skynet.cluster")
            .and(not(simpleNameStartingWith(CLUSTER_GLUE[0]).or(simpleNameStartingWith(CLUSTER_GLUE[1]))
                    .or(simpleNameStartingWith(CLUSTER_GLUE[2])).or(simpleNameStartingWith(CLUSTER_GLUE[3]))))
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.skyrtc.signaling..")
                    .or(resideInAPackage("io.skyrtc.signaling.skynet.cluster")).or(type(GateFrames.class)));

    @Test
    void noPackageCycles() {
        NO_PACKAGE_CYCLES.check(MAIN);
    }

    @Test
    void noFeatureImportsTheConfigTree() {
        CONFIG_AT_THE_TOP.check(MAIN);
    }

    @Test
    void theClusterLibraryUsesNoSkyrtcTypes() {
        CLUSTER_LIBRARY_FREE_OF_SKYRTC.check(MAIN);
    }

    /** The rules see all three modules' classes, and do fail on what they forbid. */
    @Test
    void theRulesCanFail() {
        assertThat(MAIN.contain("io.skyrtc.signaling.room.Room")).isTrue();
        assertThat(MAIN.contain("io.skyrtc.signaling.skynet.GateLink")).isTrue();
        assertThat(MAIN.contain("io.skyrtc.signaling.SkyrtcServer")).isTrue();
        JavaClasses offenders = new ClassFileImporter().importClasses(ConfigUser.class, CycleA.class, CycleB.class,
                io.skyrtc.signaling.config.SkyrtcConfig.class);
        EvaluationResult config = noClasses().that().haveSimpleNameStartingWith("ConfigUser")
                .should().dependOnClassesThat().resideInAPackage("io.skyrtc.signaling.config..").evaluate(offenders);
        assertThat(config.hasViolation()).isTrue();
        EvaluationResult cycle = slices().matching("io.skyrtc.signaling.arch.(*)..").should().beFreeOfCycles()
                .evaluate(new ClassFileImporter().importClasses(CycleA.class, CycleB.class));
        assertThat(cycle.hasViolation()).isTrue();
    }

    static final class ConfigUser {
        io.skyrtc.signaling.config.SkyrtcConfig config;
    }
}
