package dev.highwater.ui.connect;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.RegistrySettings.Auth;
import dev.highwater.core.connect.Secret;
import dev.highwater.store.ProfileFile;
import dev.highwater.ui.UiThread;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "Schema registry" section of the connections dialog, headless: what each control sets, and what is saved. */
@ExtendWith(ApplicationExtension.class)
class RegistrySectionViewTest {

    @TempDir
    Path data;

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private Path file;

    @Start
    void start(Stage stage) {
        file = data.resolve("profiles.properties");
        ProfilesModel model = new ProfilesModel(new ProfileFile(file),
                ConnectionProfile.demo("127.0.0.1:9092", "127.0.0.1:50051", false), background, UiThread.fx());
        stage.setScene(new Scene(new StackPane(), 400, 300)); // the dialog takes its owner's stylesheets
        stage.show();
        ProfilesView view = new ProfilesView(model, stage);
        // the dialog waits in a nested event loop of its own, so it is opened after this method returns
        Platform.runLater(view::showAndWait);
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private static void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup("#" + id).queryAs(TextField.class).setText(text));
    }

    private static boolean disabled(FxRobot robot, String id) {
        return robot.lookup("#" + id).query().isDisabled();
    }

    @Test
    void aBearerRegistryWithATrustStoreIsSavedWithItsReferencesAndTheFieldsFollowTheAuth(FxRobot robot)
            throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#new-profile").tryQuery().isPresent());
        robot.clickOn("#new-profile");
        type(robot, "profile-name", "prod");
        type(robot, "bootstrap", "broker:9092");
        assertTrue(disabled(robot, "registry-user") && disabled(robot, "registry-password")
                && disabled(robot, "registry-token"), "no credentials asked while auth is none");

        ComboBox<Auth> auth = robot.lookup("#registry-auth").queryComboBox();
        robot.interact(() -> auth.setValue(Auth.BASIC));
        Label problem = robot.lookup("#connect-problem").queryAs(Label.class);
        assertEquals("Give the schema registry's URL, or clear its other settings.", problem.getText());
        assertFalse(disabled(robot, "registry-user") || disabled(robot, "registry-password"));
        assertTrue(disabled(robot, "registry-token"));

        type(robot, "registry-urls", "https://registry-a:8081, https://registry-b:8081/apis/ccompat/v7");
        robot.interact(() -> auth.setValue(Auth.BEARER));
        assertTrue(disabled(robot, "registry-user") && disabled(robot, "registry-password"));
        assertEquals("Bearer auth to the schema registry needs a token, or a reference such as ${env:REGISTRY_TOKEN}.",
                problem.getText());
        Node save = robot.lookup("#save-profile").query();
        assertTrue(save.isDisabled());

        type(robot, "registry-token", "${env:REGISTRY_TOKEN}");
        type(robot, "registry-truststore", "/etc/highwater/registry-ca.pem");
        type(robot, "registry-keystore", "/etc/highwater/me.p12");
        type(robot, "registry-keystore-password", "${file:/etc/highwater/me.pass}");
        assertTrue(problem.getText() == null || problem.getText().isEmpty(), problem.getText());
        robot.clickOn("#save-profile");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(file)
                && Files.readString(file).contains("REGISTRY_TOKEN"));

        ConnectionProfile saved = new ProfileFile(file).load().getFirst();
        assertEquals(new RegistrySettings(
                List.of(URI.create("https://registry-a:8081"), URI.create("https://registry-b:8081/apis/ccompat/v7")),
                Auth.BEARER, "", Secret.NONE, new Secret("${env:REGISTRY_TOKEN}", false),
                new KafkaSecurity.Store(Path.of("/etc/highwater/registry-ca.pem"), "PEM", Secret.NONE),
                new KafkaSecurity.Store(Path.of("/etc/highwater/me.p12"), "PKCS12",
                        new Secret("${file:/etc/highwater/me.pass}", false)),
                Secret.NONE, true), saved.registry());
        robot.interact(() -> robot.lookup("#profiles").query().getScene().getWindow().hide());
    }
}
