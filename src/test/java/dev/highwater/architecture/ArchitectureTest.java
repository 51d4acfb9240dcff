package dev.highwater.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layers stay as designed: a UI-free core, adapters behind it, front ends on top. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.highwater");

    @Test
    void coreUsesNoUiNoKafkaNoGrpcNoStorage() {
        noClasses().that().resideInAPackage("dev.highwater.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.apache.kafka..", "kafka..",
                        "io.grpc..", "org.h2..", "java.sql..", "io.fair_acc..", "io.prometheus..", "java.net.http..",
                        "java.awt..", "com.sun.net.httpserver..")
                .because("the engine is plain Java that the CLI, the tests and the UI all drive")
                .check(CLASSES);
    }

    @Test
    void coreDependsOnNoAdapterAndNoFrontEnd() {
        noClasses().that().resideInAPackage("dev.highwater.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.grpc..",
                        "dev.highwater.store..", "dev.highwater.registry..", "dev.highwater.ui..",
                        "dev.highwater.cli..", "dev.highwater.demo..", "dev.highwater.app..")
                .check(CLASSES);
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages("dev.highwater.ui..", "dev.highwater.bench.fx..")
                .and().doNotHaveFullyQualifiedName("dev.highwater.Launcher")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fair_acc..")
                .check(CLASSES);
    }

    @Test
    void adaptersAndTheCommandLineDoNotReachIntoTheUi() {
        noClasses().that().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.grpc..",
                        "dev.highwater.store..", "dev.highwater.registry..", "dev.highwater.cli..",
                        "dev.highwater.demo..", "dev.highwater.bench..")
                .and().resideOutsideOfPackage("dev.highwater.bench.fx..")
                .should().dependOnClassesThat().resideInAPackage("dev.highwater.ui..")
                .because("only the screen benchmarks put screens on a display")
                .check(CLASSES);
    }

    @Test
    void benchmarkCodeLivesInTheBenchPackages() {
        noClasses().that().haveSimpleNameContaining("Bench")
                .and().doNotHaveSimpleName("BenchCommand")
                .should().resideOutsideOfPackage("dev.highwater.bench..")
                .because("what only measures belongs with the benchmarks, not beside what it measures")
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineUsesTheBenchmarks() {
        noClasses().that().resideOutsideOfPackages("dev.highwater.bench..", "dev.highwater.cli..")
                .and().doNotHaveFullyQualifiedName("dev.highwater.Launcher")
                .should().dependOnClassesThat().resideInAPackage("dev.highwater.bench..")
                .because("the app, its screens and its adapters ship and run without benchmark code")
                .check(CLASSES);
    }

    @Test
    void theUiUsesNoBenchmark() {
        noClasses().that().resideInAPackage("dev.highwater.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.highwater.bench..")
                .check(CLASSES);
    }

    @Test
    void theCompositionRootKnowsNeitherTheScreensNorTheBenchmarks() {
        noClasses().that().resideInAPackage("dev.highwater.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.ui..", "dev.highwater.bench..")
                .because("the screens and the bench command are built on the composition root, not under it")
                .check(CLASSES);
    }

    @Test
    void theGrpcAdapterDoesNotDependOnTheKafkaAdapter() {
        noClasses().that().resideInAPackage("dev.highwater.grpc..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.registry..")
                .check(CLASSES);
    }

    @Test
    void theRegistryAdapterUsesNoOtherAdapter() {
        noClasses().that().resideInAPackage("dev.highwater.registry..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.grpc..",
                        "dev.highwater.store..", "dev.highwater.demo..", "dev.highwater.app..", "dev.highwater.cli..",
                        "org.apache.kafka..", "io.grpc..", "org.h2..")
                .because("the registry is reached over HTTP alone; what it shares with the others lives in core")
                .check(CLASSES);
    }

    @Test
    void screensAndCommandsReachKafkaGrpcStorageAndTheDemoThroughPorts() {
        noClasses().that().resideInAnyPackage("dev.highwater.ui..", "dev.highwater.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.grpc..",
                        "dev.highwater.store..", "dev.highwater.registry..", "dev.highwater.demo..",
                        "dev.highwater.render..", "dev.highwater.metrics..", "dev.highwater.notify..",
                        "org.apache.kafka..", "kafka..", "io.grpc..", "org.h2..", "java.sql..", "io.prometheus..",
                        "com.sun.net.httpserver..")
                .because("only the composition root in dev.highwater.app chooses and builds adapters: a screen or a"
                        + " command is tested with a fake of its port")
                .check(CLASSES);
    }

    @Test
    void theChartRendererDrawsAndReachesNothing() {
        noClasses().that().resideInAPackage("dev.highwater.render..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.grpc..",
                        "dev.highwater.store..", "dev.highwater.registry..", "dev.highwater.demo..",
                        "dev.highwater.ui..", "javafx..", "org.apache.kafka..", "io.grpc..", "org.h2..")
                .because("a report's charts are drawn off screen, so that the command line makes them without a"
                        + " display")
                .check(CLASSES);
    }

    @Test
    void alertsLeaveTheAppOverHttpAndTheTrayAlone() {
        noClasses().that().resideInAPackage("dev.highwater.notify..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.grpc..",
                        "dev.highwater.store..", "dev.highwater.registry..", "dev.highwater.demo..",
                        "dev.highwater.render..", "dev.highwater.metrics..", "dev.highwater.ui..", "dev.highwater.app..",
                        "dev.highwater.cli..", "javafx..", "org.apache.kafka..", "io.grpc..", "org.h2..", "io.prometheus..")
                .because("a webhook is reached with the JDK's HTTP client and a notification through the tray;"
                        + " what decides which alert goes out lives in core")
                .check(CLASSES);
    }

    @Test
    void onlyTheAlertsAdapterAndTheRendererUseAwt() {
        noClasses().that().resideOutsideOfPackages("dev.highwater.notify..", "dev.highwater.render..",
                        "dev.highwater.bench..")
                .should().dependOnClassesThat().resideInAPackage("java.awt..")
                .because("AWT's toolkit, once started beside JavaFX, is kept to the tray and to off-screen drawing")
                .check(CLASSES);
    }

    @Test
    void theMetricsEndpointReachesNoClusterAndNoFrontEnd() {
        noClasses().that().resideInAPackage("dev.highwater.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.grpc..",
                        "dev.highwater.store..", "dev.highwater.registry..", "dev.highwater.demo..",
                        "dev.highwater.render..", "dev.highwater.ui..", "dev.highwater.cli..", "dev.highwater.app..",
                        "javafx..", "org.apache.kafka..", "kafka..", "io.grpc..", "org.h2..", "java.sql..")
                .because("/metrics shows what the engine's lag service read; the clusters are read by the Kafka"
                        + " adapter, behind the core's ports")
                .check(CLASSES);
    }

    @Test
    void theStorageAdapterUsesNeitherKafkaNorGrpc() {
        noClasses().that().resideInAPackage("dev.highwater.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.grpc..",
                        "dev.highwater.registry..", "dev.highwater.demo..", "org.apache.kafka..", "io.grpc..")
                .check(CLASSES);
    }

    @Test
    void theKafkaAdapterUsesNeitherGrpcNorStorage() {
        noClasses().that().resideInAPackage("dev.highwater.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.grpc..", "dev.highwater.store..",
                        "dev.highwater.registry..", "dev.highwater.demo..", "io.grpc..", "org.h2..")
                .because("the embedded demo (dev.highwater.demo) is the one place that runs Kafka and gRPC together")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.highwater.(*)..").should().beFreeOfCycles()
                .because("each layer builds on the ones under it only").check(CLASSES);
    }

    @Test
    void nothingDependsOnTheLauncher() {
        // the slices below leave out the root package: this closes the one cycle they could not see
        noClasses().that().doNotHaveFullyQualifiedName("dev.highwater.Launcher")
                .and().doNotHaveFullyQualifiedName("dev.highwater.DevLauncher")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.highwater.Launcher")
                .because("the launcher is the top: a benchmark that starts the app names its main class in a command")
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenTheEnginesFeatures() {
        slices().matching("dev.highwater.core.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theCompositionRootDoesNotReachIntoTheCommandLine() {
        noClasses().that().resideInAPackage("dev.highwater.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.highwater.cli..")
                .check(CLASSES);
    }
}
