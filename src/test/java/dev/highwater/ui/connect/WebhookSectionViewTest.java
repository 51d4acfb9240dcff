package dev.highwater.ui.connect;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.notify.AlertForwarder;
import dev.highwater.notify.NotifyChannels;
import dev.highwater.notify.WebhookReceiver;
import dev.highwater.store.ProfileFile;
import dev.highwater.ui.UiThread;
import javafx.application.Platform;
import javafx.scene.Scene;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "Alerts" section of the connections dialog, headless: the webhook URL is checked, a test alert reaches a
 * real receiver on loopback and says so in words, and the URL is saved with the profile.
 */
@ExtendWith(ApplicationExtension.class)
class WebhookSectionViewTest {

    @TempDir
    Path data;

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private WebhookReceiver receiver;
    private AlertForwarder forwarder;
    private Path file;

    @Start
    void start(Stage stage) throws IOException {
        file = data.resolve("profiles.properties");
        receiver = new WebhookReceiver();
        forwarder = new AlertForwarder(new NotifyChannels(), SecretResolver.system(), Clock.systemUTC());
        ProfilesModel model = new ProfilesModel(new ProfileFile(file),
                ConnectionProfile.demo("127.0.0.1:9092", "127.0.0.1:50051", false), background, UiThread.fx(),
                p -> forwarder.test(p, p.bootstrap()));
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
        ProfilesView view = new ProfilesView(model, stage);
        Platform.runLater(view::showAndWait);
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        forwarder.close();
        receiver.close();
    }

    private static void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup("#" + id).queryAs(TextField.class).setText(text));
    }

    private static void press(FxRobot robot, String id) {
        robot.interact(() -> robot.lookup("#" + id).queryButton().fire());
    }

    @Test
    void aTestAlertReachesTheReceiverAndSaysSoAndTheUrlIsSavedWithTheProfile(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#new-profile").tryQuery().isPresent());
        robot.clickOn("#new-profile");
        type(robot, "profile-name", "prod");
        type(robot, "bootstrap", "broker:9092");
        type(robot, "webhook-url", "hooks.slack.com/services/T0/B0/x");
        Label problem = robot.lookup("#connect-problem").queryAs(Label.class);
        assertEquals("The webhook URL should start with https:// (or http://) and name a host.", problem.getText());
        assertTrue(robot.lookup("#save-profile").query().isDisabled());

        type(robot, "webhook-url", receiver.url());
        assertTrue(problem.getText() == null || problem.getText().isEmpty(), problem.getText());
        press(robot, "send-test-alert"); // below the fold of the form: pressed, not clicked
        Label result = robot.lookup("#test-alert-result").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> result.getText().startsWith("Test alert delivered"));
        String port = receiver.url().split(":")[2].split("/")[0];
        assertEquals("Test alert delivered to the webhook http://127.0.0.1:" + port + "/[hidden] (HTTP 200). No"
                + " desktop notification: this desktop has no system tray.", result.getText());
        assertEquals("test test", receiver.events().getFirst(), "event and key of a test");
        assertEquals("prod", receiver.bodies().getFirst().getAsJsonObject("highwater").get("profile").getAsString());

        receiver.answer(404, "no_service");
        press(robot, "send-test-alert"); // below the fold of the form: pressed, not clicked
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> result.getText().startsWith("Test alert not"));
        assertTrue(result.getText().startsWith("Test alert not delivered to the webhook http://127.0.0.1:" + port
                + "/[hidden]: HTTP 404 (no_service); fix the URL in the profile."), result.getText());

        robot.clickOn("#save-profile");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(file)
                && Files.readString(file).contains("webhook"));
        assertEquals(receiver.url(), new ProfileFile(file).load().getFirst().webhook().text());
        robot.interact(() -> robot.lookup("#profiles").query().getScene().getWindow().hide());
    }
}
