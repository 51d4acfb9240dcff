package dev.highwater.bench.fx;

import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.app.Wiring;
import dev.highwater.bench.BenchReport;
import dev.highwater.bench.FirehoseIndexer;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.ui.FrameCounter;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.grpc.ResponseFeed;
import dev.highwater.ui.grpc.WorkbenchModel;
import dev.highwater.ui.grpc.WorkbenchView;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A server stream at a fixed rate taken through the workbench exactly as a user starts it (model.call() on
 * SubscribeToBlocks): every response parsed, rendered as JSON into the bounded feed, the list repainted at most
 * once per frame. With a display the workbench is on screen and the UI thread's frames are counted meanwhile;
 * without one, the drains run on a stand-in UI thread.
 */
public final class StreamFrameBench {

    private StreamFrameBench() {
    }

    public static void run(BenchReport report, int rate, int seconds) throws Exception {
        long messages = (long) rate * seconds;
        report.heading("grpc: a server stream of " + String.format("%,d", rate) + " messages/s for " + seconds
                + " s into the workbench's bounded feed (" + ResponseFeed.CAPACITY + " shown)");
        boolean display = FxToolkit.start(report);
        ExecutorService standIn = display ? null : Executors.newSingleThreadExecutor();
        UiThread ui = display ? UiThread.fx() : standIn::execute;
        try (FirehoseIndexer server = new FirehoseIndexer(messages, rate);
             ThreadPoolTasks tasks = new ThreadPoolTasks(2)) {
            WorkbenchModel model = onUi(ui, () -> new WorkbenchModel(SchemaCatalog.withBuiltIn(), tasks, ui,
                    Wiring.grpcClients(), server.target()));
            Stage[] stage = new Stage[1];
            FrameCounter[] counter = new FrameCounter[1];
            onUi(ui, () -> {
                model.methods().stream().filter(m -> m.fullName().endsWith("/SubscribeToBlocks")).findFirst()
                        .ifPresent(model.selectedMethod()::set);
                model.requestText().set("{\"startHeight\":\"1\"}");
                if (display) {
                    stage[0] = new Stage();
                    stage[0].setScene(new Scene((Parent) new WorkbenchView(model).root(), 1280, 800));
                    stage[0].show();
                    counter[0] = new FrameCounter();
                    counter[0].start();
                }
                model.call();
                return null;
            });
            FirehoseIndexer.Sent sent = server.sent().get(seconds * 20L + 60, TimeUnit.SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (model.feed().received() < sent.messages() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            long received = model.feed().received();
            onUi(ui, () -> {
                if (counter[0] != null) {
                    counter[0].stop();
                    stage[0].close();
                }
                model.dispose();
                return null;
            });
            report.add("grpc", "stream: messages sent by the server", sent.messages(), "msgs", null);
            report.add("grpc", "stream: messages taken into the feed", received, "msgs", "all of them");
            report.add("grpc", "stream: rate achieved end to end", sent.perSecond(), "msg/s",
                    String.format("%,d asked", rate));
            report.add("grpc", "stream: behind schedule at the end", sent.behindNanos() / 1e6, "ms", "about 0");
            report.add("grpc", "stream: times the server waited for the client", sent.waitsForClient(), "waits", null);
            if (display) {
                double[] counted = counter[0].perSecond();
                // the first two seconds open the window (CSS, first layout, JIT): not the stream's doing
                double[] perSecond = java.util.Arrays.copyOfRange(counted,
                        Math.min(2, Math.max(0, counted.length - 1)), counted.length);
                if (perSecond.length > 0) {
                    report.add("grpc", "stream: UI frames/s meanwhile (median of 1 s windows)", perSecond, "fps",
                            ">= 50 fps");
                    report.add("grpc", "stream: UI frames/s in the worst second",
                            java.util.Arrays.stream(perSecond).min().orElse(0), "fps", null);
                }
            } else {
                report.note("no usable display: the feed drained on a stand-in UI thread; frames not counted");
            }
        } finally {
            if (standIn != null) {
                standIn.shutdownNow();
            }
        }
    }

    private static <T> T onUi(UiThread ui, java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        ui.post(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
