package dev.highwater.bench.fx;

import dev.highwater.bench.BenchReport;
import dev.highwater.bench.SyntheticCluster;
import dev.highwater.core.lag.LagService;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.ui.FrameCounter;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.partitions.PartitionsModel;
import dev.highwater.ui.partitions.PartitionsView;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Partitions screen under load: a group of 48 partitions refreshed every second (the table shows all 48,
 * each chart draws the 12 with the largest lag), while an animation timer counts the frames the UI thread
 * manages per second. Needs a display (a desktop, or Xvfb).
 */
public final class FxFrameBench {

    private FxFrameBench() {
    }

    public static void run(BenchReport report, int partitions, int seconds) throws Exception {
        report.heading("fx: the Partitions screen with " + partitions + " partitions refreshed every second");
        if (!FxToolkit.start(report)) {
            return;
        }
        SyntheticCluster cluster = new SyntheticCluster(partitions, Clock.systemUTC());
        LagService service = new LagService(cluster, cluster, null, "synthetic", LagSettings.defaults(),
                Clock.systemUTC());
        service.start();
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        PartitionsModel[] model = new PartitionsModel[1];
        FrameCounter[] timer = new FrameCounter[1];
        Platform.runLater(() -> {
            model[0] = new PartitionsModel(service, UiThread.fx());
            model[0].selectGroup(SyntheticCluster.GROUP);
            Stage stage = new Stage();
            stage.setScene(new Scene((Parent) new PartitionsView(model[0]).root(), 1400, 900));
            stage.show();
            timer[0] = new FrameCounter();
            timer[0].start();
            shown.complete(stage);
        });
        Stage stage = shown.get(30, TimeUnit.SECONDS);
        Thread.sleep(5_000); // warm-up: first refreshes, JIT, chart caches
        timer[0].clear();
        Thread.sleep(seconds * 1_000L);
        double[] fps = timer[0].perSecond();
        Platform.runLater(() -> {
            timer[0].stop();
            model[0].dispose();
            stage.close();
        });
        service.close();
        if (fps.length == 0) {
            throw new IllegalStateException("no frames were counted");
        }
        report.add("fx", "frames/s while charting (median of 1 s windows)", fps, "fps", ">= 50 fps");
        report.add("fx", "frames/s in the worst second", java.util.Arrays.stream(fps).min().orElse(0), "fps", null);
    }
}
