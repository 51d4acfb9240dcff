package dev.highwater.ui.schemas;

import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.core.registry.SchemaReference;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.ui.UiThread;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens the Schemas screen over an in-memory registry and topic (orders written with versions 2 and 3, and a
 * record whose id the registry does not know), a subject selected, the topic read and a new schema file that reuses
 * a tag checked against the subject and the topic, to look at it; not a test.
 */
public final class SchemasScreenPreview {

    private SchemasScreenPreview() {
    }

    public static void main(String[] args) throws IOException {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 1280;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 800;
        FakeRegistry registry = SchemasModelTest.shop(new FakeRegistry());
        registry.register("orders-value", SchemaType.PROTOBUF, SchemasModelTest.ORDER_V2.replace(
                "string note = 3; }", "string note = 3; string channel = 4; }"),
                List.of(new SchemaReference("shop/money.proto", "shop/money.proto", 1)));
        FakeTails tails = new FakeTails();
        for (int i = 0; i < 600; i++) {
            byte[] order = SchemasModelTest.orderPayload("o-" + i, null);
            tails.add("orders", i % 6, i, i == 599 ? SchemasModelTest.framed(99)
                    : SchemasModelTest.order(i < 200 ? 3 : 5, order));
        }
        tails.add("payments", 0, 0, SchemasModelTest.framed(4));
        // the last records of two partitions carry a note, which the checked file's reused tag 3 cannot read
        tails.add("orders", 2, 600, SchemasModelTest.order(5, SchemasModelTest.orderPayload("o-1", null)));
        tails.add("orders", 4, 601, SchemasModelTest.order(5, SchemasModelTest.orderPayload("o-2", "gift")));
        tails.add("orders", 5, 602, SchemasModelTest.order(5, SchemasModelTest.orderPayload("o-3", "rush")));
        Path file = Files.createTempDirectory("schemas-preview").resolve("order.proto");
        Files.writeString(file, SchemasModelTest.ORDER_V2.replace("string note = 3; }",
                "int64 priority = 3; string channel = 4; }"));
        ThreadPoolTasks tasks = new ThreadPoolTasks(2);
        Platform.startup(() -> {
            SchemasModel model = new SchemasModel(() -> Optional.<SchemaRegistry>of(registry), tails, UiThread.fx(),
                    tasks);
            Stage stage = new Stage();
            stage.setTitle("Highwater — Schemas");
            stage.setScene(new Scene((Parent) new SchemasView(model).root(), width, height));
            stage.setX(0);
            stage.setY(0);
            stage.setOnHidden(e -> {
                model.dispose();
                tasks.close();
                Platform.exit();
            });
            stage.show();
            model.refresh();
            model.selectSubject("orders-value");
            model.topic().topicProperty().set("orders");
            model.topic().read();
            // the check needs the subject shown first; it asks once the versions have arrived
            model.versionProperty().addListener((obs, o, v) -> {
                if (v != null && model.checkVerdictProperty().get().isEmpty()) {
                    model.checkFile(file, "orders");
                }
            });
        });
    }
}
