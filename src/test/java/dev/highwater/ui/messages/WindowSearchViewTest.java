package dev.highwater.ui.messages;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.tail.KafkaTailSource;
import dev.highwater.ui.UiThread;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Messages screen's window search headless over a real broker: the mode, the search, its matches and summary. */
@ExtendWith(ApplicationExtension.class)
class WindowSearchViewTest {

    private static EmbeddedKafka kafka;
    private MessagesModel model;
    private MessagesView view;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                     kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1))).all().get();
            for (int i = 0; i < 6; i++) {
                p.send(new ProducerRecord<>("orders", i % 2, ("o-" + i).getBytes(StandardCharsets.UTF_8),
                        ("{\"total\":" + i * 10 + "}").getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Start
    void start(Stage stage) {
        model = new MessagesModel(new KafkaTailSource(ClientSettings.of(kafka.bootstrapServers())), null,
                SchemaCatalog.withBuiltIn(), UiThread.fx(), false);
        view = new MessagesView(model);
        stage.setScene(new Scene((Parent) view.root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void dispose() {
        model.dispose();
    }

    @Test
    void searchesTheLastHourWithTheFilterAndSaysWhatItFound(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "orders".equals(model.topicProperty().get()));
        robot.clickOn("#messages-search-mode");
        TextField from = robot.lookup("#window-from").queryAs(TextField.class);
        assertTrue(from.getParent().isVisible(), "the search's row is shown in its mode");
        robot.interact(() -> view.conditionField().setText("total >= 30"));
        robot.clickOn("#window-search");
        Label counts = robot.lookup(".counts").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> counts.getText().startsWith("Searched "));
        assertTrue(counts.getText().startsWith("Searched 6 records from ") && counts.getText().endsWith(": 3 matches."),
                counts.getText());
        assertEquals(3, view.table().getItems().size());
        assertTrue(view.table().getItems().stream().allMatch(r -> List.of("o-3", "o-4", "o-5").contains(r.keyText())),
                "the matches, not the live rows");

        robot.clickOn("#messages-live-mode");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!from.getParent().isVisible(), "back to the live tail");
        assertTrue(view.table().getItems() == model.rows(), "the live rows again");
    }
}
