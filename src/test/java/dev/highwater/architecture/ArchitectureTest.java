package dev.highwater.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layers stay as designed: a UI-free core, adapters behind it, front ends on top. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.highwater");

    @Test
    void coreUsesNoUiNoKafkaNoGrpcNoStorage() {
        noClasses().that().resideInAPackage("dev.highwater.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.apache.kafka..", "kafka..",
                        "io.grpc..", "org.h2..", "java.sql..", "io.fair_acc..")
                .because("the engine is plain Java that the CLI, the tests and the UI all drive")
                .check(CLASSES);
    }

    @Test
    void coreDependsOnNoAdapterAndNoFrontEnd() {
        noClasses().that().resideInAPackage("dev.highwater.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.grpc..",
                        "dev.highwater.store..", "dev.highwater.ui..", "dev.highwater.cli..", "dev.highwater.demo..",
                        "dev.highwater.app..")
                .check(CLASSES);
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.highwater.ui..")
                .and().doNotHaveFullyQualifiedName("dev.highwater.Launcher")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fair_acc..")
                .check(CLASSES);
    }

    @Test
    void adaptersAndTheCommandLineDoNotReachIntoTheUi() {
        noClasses().that().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.grpc..",
                        "dev.highwater.store..", "dev.highwater.cli..", "dev.highwater.demo..", "dev.highwater.bench..")
                .should().dependOnClassesThat().resideInAPackage("dev.highwater.ui..")
                .check(CLASSES);
    }

    @Test
    void screensAndCommandsReachKafkaStorageAndTheDemoThroughPorts() {
        noClasses().that().resideInAnyPackage("dev.highwater.ui..", "dev.highwater.cli..")
                .and().haveSimpleNameNotEndingWith("Bench") // a benchmark starts its own broker
                .should().dependOnClassesThat().resideInAnyPackage("dev.highwater.kafka..", "dev.highwater.store..",
                        "dev.highwater.demo..", "org.apache.kafka..", "org.h2..")
                .because("only the composition root in dev.highwater.app chooses and builds adapters")
                .check(CLASSES);
    }

    @Test
    void theCompositionRootDoesNotReachIntoTheCommandLine() {
        noClasses().that().resideInAPackage("dev.highwater.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.highwater.cli..")
                .check(CLASSES);
    }
}
