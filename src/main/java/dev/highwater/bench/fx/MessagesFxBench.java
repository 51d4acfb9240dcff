package dev.highwater.bench.fx;

import dev.highwater.bench.BenchReport;
import dev.highwater.bench.TransactionTopic;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.tail.KafkaTailSource;
import dev.highwater.ui.FrameCounter;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.messages.MessagesModel;
import dev.highwater.ui.messages.MessagesView;
import dev.highwater.ui.messages.TailForm;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Messages screen tailing a prepared topic from the beginning at full rate: frames the UI thread manages per
 * second, and the heap in use, until every record has been read. Needs a display (a desktop, or Xvfb).
 */
public final class MessagesFxBench {

    static final String TOPIC = "bench-messages";

    private MessagesFxBench() {
    }

    /** The heap the last collection left in use, over every heap pool. */
    static long liveAfterLastGc() {
        long sum = 0;
        for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                sum += pool.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }

    public static void run(BenchReport report, long records) throws Exception {
        report.heading("fx-messages: the Messages screen tailing " + String.format("%,d", records)
                + " records from the beginning at full rate");
        if (!FxToolkit.start(report)) {
            return;
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) { // a temporary folder, removed at close
            TransactionTopic.prepare(kafka.bootstrapServers(), TOPIC, records);
            MessagesModel[] model = new MessagesModel[1];
            FrameCounter[] timer = new FrameCounter[1];
            CompletableFuture<Stage> shown = new CompletableFuture<>();
            System.gc();
            Platform.runLater(() -> {
              try {
                model[0] = new MessagesModel(new KafkaTailSource(ClientSettings.of(kafka.bootstrapServers())), null,
                        SchemaCatalog.withBuiltIn(), UiThread.fx(), false);
                // tail the end first (nothing arrives): the window settles before the full-rate read starts
                model[0].start(TailForm.of(TOPIC, MessagesModel.StartAt.END));
                Stage stage = new Stage();
                stage.setScene(new Scene((Parent) new MessagesView(model[0]).root(), 1400, 900));
                stage.show();
                timer[0] = new FrameCounter();
                timer[0].start();
                shown.complete(stage);
              } catch (RuntimeException e) {
                shown.completeExceptionally(e);
              }
            });
            Stage stage = shown.get(30, TimeUnit.SECONDS);
            Thread.sleep(4_000); // warm-up: first layout, CSS, JIT
            timer[0].clear();
            Platform.runLater(() -> model[0].start(TailForm.of(TOPIC, MessagesModel.StartAt.BEGINNING)));
            Thread.sleep(300);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long maxHeap = memory.getHeapMemoryUsage().getUsed();
            long maxLive = liveAfterLastGc();
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.MINUTES.toNanos(10);
            double pauseSum = 0;
            int samples = 0;
            while (model[0].readSoFar() < records && System.nanoTime() < deadline) {
                pauseSum += model[0].tailPauseMillis();
                samples++;
                maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
                maxLive = Math.max(maxLive, liveAfterLastGc());
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long read = model[0].readSoFar();
            Thread.sleep(1_500); // the last publish reaches the screen
            double[] perSecond = timer[0].perSecond();
            Platform.runLater(() -> {
                timer[0].stop();
                model[0].dispose();
                stage.close();
            });
            if (perSecond.length == 0) {
                throw new IllegalStateException("no frames were counted");
            }
            report.add("fx-messages", "frames/s while tailing (median of 1 s windows)", perSecond, "fps", ">= 50 fps");
            report.add("fx-messages", "frames/s in the worst second", Arrays.stream(perSecond).min().orElse(0), "fps",
                    null);
            report.note("frames in each second, in order: " + Arrays.stream(perSecond)
                    .mapToObj(f -> String.valueOf((int) f)).collect(java.util.stream.Collectors.joining(" ")));
            report.add("fx-messages", "heap live after GC, highest (sampled every 100 ms)", maxLive / 1e6, "MB",
                    "< 512 MB");
            report.add("fx-messages", "heap in use incl. garbage not yet collected, highest", maxHeap / 1e6, "MB",
                    null);
            report.add("fx-messages", "records read and decoded through the screen", read / seconds, "rec/s", null);
            report.note(String.format("%,d of %,d records in %.1f s; max heap %d MB; the frame governor paused the"
                    + " reader %.1f ms per batch on average", read, records, seconds,
                    Runtime.getRuntime().maxMemory() >> 20, samples == 0 ? 0 : pauseSum / samples));
        }
    }
}
