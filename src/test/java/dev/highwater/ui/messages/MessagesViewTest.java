package dev.highwater.ui.messages;

import dev.highwater.kafka.tail.KafkaTailSource;
import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.TooDeepFilters;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.proto.blockchain.Transaction;
import dev.highwater.ui.UiThread;
import javafx.event.ActionEvent;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Messages screen headless over a real broker: it opens on the topic, shows a poison pill in red, filters. */
@ExtendWith(ApplicationExtension.class)
class MessagesViewTest {

    private static EmbeddedKafka kafka;
    private MessagesModel model;
    private MessagesView view;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                     kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic("transactions", 2, (short) 1))).all().get();
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>("transactions", i % 2, ("acct-" + i).getBytes(), Transaction.newBuilder()
                        .setSender("acct-" + i).setAmount(i + "00.00").build().toByteArray())).get();
            }
            p.send(new ProducerRecord<>("transactions", 1, "x".getBytes(), new byte[] {(byte) 0xfe, 0x0f})).get();
            p.send(new ProducerRecord<>("transactions", 0, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01},
                    Transaction.newBuilder().setSender("bin").setAmount("1.00").build().toByteArray())).get();
        }
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Start
    void start(Stage stage) {
        model = new MessagesModel(new KafkaTailSource(ClientSettings.of(kafka.bootstrapServers())), null,
                SchemaCatalog.withBuiltIn(), UiThread.fx(), true);
        model.start(TailForm.of("transactions", MessagesModel.StartAt.BEGINNING));
        view = new MessagesView(model);
        stage.setScene(new Scene((Parent) view.root(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void dispose() {
        model.dispose();
    }

    @Test
    void showsRecordsWithThePoisonPillInRedAndFiltersOnDecodedFields(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.table().getItems().size() == 12);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".poison-row").queryAll().size() == 1, "one red row for the undecodable record");
        TableRow<?> red = robot.lookup(".poison-row").queryAs(TableRow.class);
        assertTrue(((DecodedRecord) red.getItem()).poison());

        robot.clickOn(view.conditionField()).write("amount >= 700 && sender ~ \"acct\"").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.table().getItems().size() == 4);
        Label counts = robot.lookup(".counts").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> counts.getText().startsWith("12 read · 4 match · table: all 4 ("));

        robot.clickOn(view.conditionField()).eraseText(40).write("amount >").type(javafx.scene.input.KeyCode.ENTER);
        Label problem = robot.lookup(".form-problem").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, problem::isVisible);
        assertTrue(problem.getText().startsWith("filter, at character"), problem.getText());
    }

    @Test
    void aFilterNestedTooDeepIsShownWhereFilterProblemsAreShown(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.table().getItems().size() == 12);
        Label problem = robot.lookup(".form-problem").queryAs(Label.class);
        for (String deep : TooDeepFilters.ALL) {
            robot.interact(() -> {
                view.conditionField().setText(deep);
                view.conditionField().fireEvent(new ActionEvent());
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> problem.isVisible()
                    && problem.getText().contains("nested more than"));
            robot.interact(() -> {
                view.conditionField().setText("sender == \"acct-1\"");
                view.conditionField().fireEvent(new ActionEvent());
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !problem.isVisible());
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.table().getItems().size() == 2);
    }

    @Test
    void aBinaryKeyIsShownInHexWithAMarkerOnAnOrdinaryRow(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.table().getItems().size() == 12);
        WaitForAsyncUtils.waitForFxEvents();
        DecodedRecord binary = view.table().getItems().stream().filter(r -> r.raw().key()[0] == (byte) 0xff)
                .findFirst().orElseThrow();
        assertEquals("[hex] fffe0001", view.table().getColumns().get(3).getCellData(binary));
        assertEquals("blockchain.Transaction", view.table().getColumns().get(4).getCellData(binary));
        assertEquals(1, robot.lookup(".poison-row").queryAll().size(), "only the undecodable value is a red row");
    }

    @Test
    void theUndecodableListShowsItsRecordsAndTheDetailSaysWhenItsRecordLeftTheTable(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.table().getItems().size() == 12);
        DecodedRecord good = view.table().getItems().stream().filter(r -> !r.poison()).findFirst().orElseThrow();
        robot.interact(() -> view.table().getSelectionModel().select(good));
        TextArea hex = robot.lookup(".hex-dump").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !hex.getText().isEmpty());
        Label gone = robot.lookup(".detail-gone").queryAs(Label.class);
        assertFalse(gone.isVisible(), "the record is in the table");

        ToggleButton undecodable = robot.lookup(".undecodable-toggle").queryAs(ToggleButton.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> undecodable.getText().equals("Undecodable (1)"));
        robot.clickOn(undecodable);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.table().getItems().size() == 1);
        assertTrue(view.table().getItems().getFirst().poison());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, gone::isVisible);
        assertEquals("No longer in the table: kept here.", gone.getText());
        String kept = hex.getText();

        robot.interact(() -> view.table().getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> hex.getText().startsWith("00000000  fe 0f"));
        assertFalse(kept.startsWith("00000000  fe 0f"), "the pane had kept the other record until now");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !gone.isVisible());
        // at 1280x800 the pane is too narrow for 16 bytes and their ASCII: 8 a line, the ASCII column whole
        assertEquals("00000000  fe 0f                    |..|", hex.getText().lines().findFirst().orElseThrow());
    }
}
