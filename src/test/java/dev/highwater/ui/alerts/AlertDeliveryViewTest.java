package dev.highwater.ui.alerts;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.notify.AlertForwarder;
import dev.highwater.notify.NotifyChannels;
import dev.highwater.notify.WebhookReceiver;
import dev.highwater.ui.UiThread;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under the alerts list, headless: a failing webhook is one line until it works again, the test alert says how it
 * went, and a desktop without a tray is said once with the switch off.
 */
@ExtendWith(ApplicationExtension.class)
class AlertDeliveryViewTest {

    @TempDir
    Path data;

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private WebhookReceiver receiver;
    private AlertForwarder forwarder;
    private AlertDeliveryModel model;

    @Start
    void start(Stage stage) throws IOException {
        receiver = new WebhookReceiver();
        receiver.answer(404, "no_service");
        forwarder = new AlertForwarder(new NotifyChannels(), SecretResolver.system(), Clock.systemUTC());
        ConnectionProfile prod = ConnectionProfile.plain("prod", "b:9092", "")
                .withWebhook(new Secret(receiver.url(), true));
        model = new AlertDeliveryModel(forwarder, prod, "b:9092",
                new DesktopSwitch(data.resolve("settings.properties"), background::execute), background,
                UiThread.fx());
        stage.setScene(new Scene(new StackPane(new AlertDeliveryView(model).root()), 320, 300));
        stage.show();
    }

    @AfterEach
    void stop() {
        model.dispose();
        background.shutdownNow();
        forwarder.close();
        receiver.close();
    }

    @Test
    void aFailingWebhookIsOneLineUntilATestGetsThroughAndNoTrayIsSaidOnce(FxRobot robot) throws Exception {
        Label note = robot.lookup("#desktop-note").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, note::isVisible);
        assertEquals(AlertForwarder.noDesktopSentence(), note.getText());
        assertFalse(robot.lookup("#desktop-notifications").queryAs(CheckBox.class).isVisible(),
                "no switch for what this desktop does not have");
        Label problems = robot.lookup("#alert-delivery-problems").queryAs(Label.class);
        assertFalse(problems.isVisible(), "nothing has failed yet");

        robot.clickOn("#alerts-test");
        Label result = robot.lookup("#alerts-test-result").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> result.getText().startsWith("Test alert not"));
        String port = receiver.url().split(":")[2].split("/")[0];
        String line = "Alerts are not reaching the webhook http://127.0.0.1:" + port
                + "/[hidden]: HTTP 404 (no_service); fix the URL in the profile.";
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, problems::isVisible);
        assertEquals(line, problems.getText());
        robot.clickOn("#alerts-test");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !model.test().sendingProperty().get());
        assertEquals(line, problems.getText(), "failing again is the same one line, not another");

        receiver.answer(200, "ok");
        robot.clickOn("#alerts-test");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> result.getText().startsWith("Test alert delivered"));
        assertEquals("Test alert delivered to the webhook http://127.0.0.1:" + port + "/[hidden] (HTTP 200).",
                result.getText(), "the note says already that there is no tray: the result does not repeat it");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !problems.isVisible());
        assertEquals(3, receiver.events().size());
        assertFalse(Files.exists(data.resolve("settings.properties")), "nothing chosen, nothing written");
    }

    @Test
    void theDesktopChoiceIsRememberedBesideTheOtherSettings() throws Exception {
        Path settings = data.resolve("settings.properties");
        Files.writeString(settings, "theme=dark\n");
        DesktopSwitch desktop = new DesktopSwitch(settings, Runnable::run);
        assertTrue(desktop.on(), "on by default");
        desktop.remember(false);
        assertFalse(new DesktopSwitch(settings, Runnable::run).on());
        assertTrue(Files.readString(settings).contains("theme=dark"), "the theme is kept");
    }
}
