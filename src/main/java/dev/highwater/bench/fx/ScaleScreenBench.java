package dev.highwater.bench.fx;

import dev.highwater.bench.BenchReport;
import dev.highwater.bench.SyntheticLargeCluster;
import dev.highwater.core.lag.LagHistoryStore;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSample;
import dev.highwater.core.lag.LagService;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.OffsetsSource;
import dev.highwater.store.H2LagHistoryStore;
import dev.highwater.ui.FrameCounter;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.partitions.PartitionsModel;
import dev.highwater.ui.partitions.PartitionsView;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Partitions screen on a large cluster: {@link SyntheticLargeCluster} (numbers, not a broker: the broker's own
 * figures at this size come from another suite) refreshed every second by the console's lag service, with its
 * history stored in H2 as the console stores it. The screen shows the group list (2,500 groups, worst first,
 * searched twice during the run), the table and the charts of the group of 1,000 partitions. Measured: the
 * frames the UI thread manages per second, what each refresh costs the UI thread (the model's drain) and the
 * refresh thread, the heap after a full collection, what storing costs, and the chart series kept. Needs a
 * display (a desktop, or Xvfb).
 */
public final class ScaleScreenBench {

    private static final String SUITE = "scale-screen";
    private static final int WARM_UP_SECONDS = 10;

    private ScaleScreenBench() {
    }

    public static void run(BenchReport report, int groups, int topics, int partitions) throws Exception {
        run(report, groups, topics, partitions, 30, 0);
    }

    /**
     * @param seconds     how long frames are counted after the warm-up
     * @param lookSeconds how long the screen stays open afterwards, searched for one service's groups, so that a
     *                    person can look at it (0: closed at once)
     */
    public static void run(BenchReport report, int groups, int topics, int partitions, int seconds, int lookSeconds)
            throws Exception {
        report.heading("scale-screen: the Partitions screen on a synthetic cluster of " + groups + " groups, "
                + topics + " topics, " + partitions + " partitions, refreshed every second");
        if (!FxToolkit.start(report)) {
            return;
        }
        SyntheticLargeCluster cluster = new SyntheticLargeCluster(groups, topics, partitions, Clock.systemUTC());
        report.note(cluster.groupPartitions() + " group-partitions; the screen shows " + cluster.wideGroup()
                + ", which reads 1,000 partitions");
        Path dir = Files.createTempDirectory("highwater-scale-screen");
        TimedSource source = new TimedSource(cluster);
        TimedStore store = new TimedStore(H2LagHistoryStore.open(dir.resolve("lag-history")));
        LagService service = new LagService(source, cluster, store, "synthetic", LagSettings.defaults(),
                Clock.systemUTC());
        List<Double> drains = new CopyOnWriteArrayList<>();
        UiThread timed = task -> Platform.runLater(() -> {
            long t0 = System.nanoTime();
            task.run();
            drains.add((System.nanoTime() - t0) / 1e6);
        });
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        PartitionsModel[] model = new PartitionsModel[1];
        FrameCounter timer = new FrameCounter();
        Platform.runLater(() -> {
            model[0] = new PartitionsModel(service, timed);
            model[0].selectGroup(cluster.wideGroup());
            Stage stage = new Stage();
            stage.setTitle("Highwater: Partitions, " + groups + " groups (synthetic)");
            Scene scene = new Scene((Parent) new PartitionsView(model[0]).root(), 1400, 900);
            scene.getStylesheets().add(Objects.requireNonNull(
                    FrameCounter.class.getResource("/dev/highwater/ui/highwater.css")).toExternalForm());
            stage.setScene(scene);
            stage.show();
            timer.start();
            shown.complete(stage);
        });
        Stage stage = shown.get(30, TimeUnit.SECONDS);
        List<Double> refreshes = new CopyOnWriteArrayList<>();
        service.subscribe(r -> refreshes.add((System.nanoTime() - source.readStarted) / 1e6)); // after the model's
        service.start();
        try {
            // first refreshes, JIT, the charts' first data
            Thread.sleep(Math.min(WARM_UP_SECONDS, Math.max(2, seconds)) * 1_000L);
            timer.clear();
            drains.clear();
            refreshes.clear();
            store.clear();
            long measuredFrom = System.nanoTime();
            Thread.sleep(seconds * 1_000L / 3);
            search(model[0], "fraud-check");
            Thread.sleep(seconds * 1_000L / 3);
            search(model[0], "fraud-check-alerts-1");
            report.note("searching \"fraud-check-alerts-1\": " + onFx(() -> model[0].groupCountProperty().get()));
            Thread.sleep(seconds * 1_000L / 3);
            search(model[0], "");
            double measured = (System.nanoTime() - measuredFrom) / 1e9;
            double[] fps = timer.perSecond();
            if (fps.length == 0) {
                throw new IllegalStateException("no frames were counted");
            }
            report.add(SUITE, "frames/s while the list, table and charts update (median of 1 s windows)", fps,
                    "fps", ">= 50 fps");
            report.add(SUITE, "frames/s in the worst second", Arrays.stream(fps).min().orElse(0), "fps", null);
            report.add(SUITE, "UI thread per refresh: the model's update (median)", toArray(drains), "ms", null);
            report.add(SUITE, "UI thread per refresh: the slowest", max(drains), "ms", null);
            report.add(SUITE, "refresh off the UI thread: read, lag maths, charts' data", toArray(refreshes), "ms",
                    "<= 1,000 ms");
            report.add(SUITE, "history stored per refresh (rows, written every 5 s)", store.rows() / measured,
                    "rows", null);
            report.add(SUITE, "storing it, per refresh (storage thread)", store.millis() / measured, "ms", null);
            report.add(SUITE, "chart series in memory", service.history().seriesCount(), "series", null);
            report.add(SUITE, "heap after a full collection, the screen open", heapAfterFullGc() / 1e6, "MB",
                    "< 512 MB");
            wholeRefreshStored(report, service.latest(), dir);
            if (lookSeconds > 0) {
                search(model[0], "fraud-check-alerts");
                report.note("the screen stays open " + lookSeconds + " s, searched for \"fraud-check-alerts\"");
                Thread.sleep(lookSeconds * 1_000L);
            }
        } finally {
            Platform.runLater(() -> {
                timer.stop();
                model[0].dispose();
                stage.close();
            });
            service.close();
            deleteQuietly(dir);
        }
    }

    /**
     * What storing a refresh whole would cost (a row for each group-partition, as the store kept every refresh
     * of a smaller cluster), into a file of its own.
     */
    private static void wholeRefreshStored(BenchReport report, LagRefresh refresh, Path dir) {
        if (refresh == null) {
            return;
        }
        try (H2LagHistoryStore whole = H2LagHistoryStore.open(dir.resolve("whole"))) {
            double[] runs = new double[3];
            for (int i = 0; i < runs.length; i++) {
                long t0 = System.nanoTime();
                whole.append("whole", refresh);
                runs[i] = (System.nanoTime() - t0) / 1e6;
            }
            long rows = refresh.groups().stream().mapToLong(g -> g.partitions().size() + 1L).sum();
            report.add(SUITE, "storing one refresh whole instead (" + rows + " rows)", runs, "ms", null);
        }
    }

    private static void search(PartitionsModel model, String text) throws Exception {
        onFx(() -> {
            model.setGroupFilter(text);
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(task.call());
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    private static long heapAfterFullGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double[] toArray(List<Double> values) {
        return values.isEmpty() ? new double[] {0} : values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder left behind
        }
    }

    /** The cluster, noting when each read starts, so a listener can time the whole refresh. */
    private static final class TimedSource implements OffsetsSource {
        private final OffsetsSource cluster;
        volatile long readStarted;

        TimedSource(OffsetsSource cluster) {
            this.cluster = cluster;
        }

        @Override
        public Set<String> groups() {
            return cluster.groups();
        }

        @Override
        public OffsetsSnapshot read(Set<String> groups) {
            readStarted = System.nanoTime();
            return cluster.read(groups);
        }

        @Override
        public void close() {
            cluster.close();
        }
    }

    /** The H2 store, counting the rows written and the time taken. */
    private static final class TimedStore implements LagHistoryStore {
        private final H2LagHistoryStore store;
        private long rows; // guarded by this
        private long nanos; // guarded by this

        TimedStore(H2LagHistoryStore store) {
            this.store = store;
        }

        @Override
        public void append(String cluster, List<Kept> refreshes) {
            long t0 = System.nanoTime();
            store.append(cluster, refreshes);
            long took = System.nanoTime() - t0;
            long written = 0;
            for (Kept k : refreshes) {
                written += k.refresh().groups().stream().mapToLong(g -> 1L
                        + (k.withPartitions().contains(g.groupId()) ? g.partitions().size() : 0)).sum();
            }
            synchronized (this) {
                rows += written;
                nanos += took;
            }
        }

        synchronized void clear() {
            rows = 0;
            nanos = 0;
        }

        synchronized long rows() {
            return rows;
        }

        synchronized double millis() {
            return nanos / 1e6;
        }

        @Override
        public List<LagSample> since(String cluster, String group, long fromMillis) {
            return store.since(cluster, group, fromMillis);
        }

        @Override
        public List<LagSample> totalsSince(String cluster, String group, long fromMillis) {
            return store.totalsSince(cluster, group, fromMillis);
        }

        @Override
        public int pruneBefore(long millis) {
            return store.pruneBefore(millis);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
