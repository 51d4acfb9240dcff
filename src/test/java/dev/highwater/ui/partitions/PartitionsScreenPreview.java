package dev.highwater.ui.partitions;

import dev.highwater.ui.UiThread;
import dev.highwater.demo.DemoBackends;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the Partitions screen over the embedded demo, to look at it; not a test. */
public final class PartitionsScreenPreview {

    private PartitionsScreenPreview() {
    }

    public static void main(String[] args) throws Exception {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 1400;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 900;
        DemoLag demo = new DemoLag(800, Files.createTempDirectory("partitions-preview"));
        Platform.startup(() -> {
            PartitionsModel model = new PartitionsModel(demo.service, UiThread.fx());
            model.selectGroup(args.length > 2 ? args[2] : DemoBackends.PROCESSOR_GROUP);
            Stage stage = new Stage();
            stage.setTitle("Highwater — Partitions");
            stage.setScene(new Scene((javafx.scene.Parent) new PartitionsView(model).root(), width, height));
            stage.setX(0);
            stage.setY(0);
            stage.setOnHidden(e -> {
                model.dispose();
                demo.close();
                Platform.exit();
            });
            stage.show();
        });
    }
}
