package dev.highwater.ui.partitions;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.LagHistory;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSample;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.core.lag.SeriesRing;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The chart data of the selected group: lag, lag in seconds, produce and consume rate of the (at most)
 * {@value #SLOTS} partitions with the largest lag, over a rolling window, in chart-fx data sets. The data sets
 * sit in fixed slots so the charts' lists of data sets never change; they are written from any thread under
 * their own lock and chart-fx redraws once per pulse, so no write goes through the UI thread. The past is
 * seeded from stored history (which outlives restarts) and followed by the in-memory {@link LagHistory}.
 * A NaN value is a gap (disconnected, or no sample for a while): the line breaks there.
 */
public final class LagChartSeries {

    public static final int SLOTS = 12;
    /** Stored history is kept for at most this many partitions of a group, those with the largest lag. */
    static final int SEEDED_PARTITIONS = 48;

    /** Which partition a slot draws. */
    public record Line(int slot, PartitionId partition, boolean hot) {
    }

    /**
     * The slots in use for a group, and how many partitions the group has in all.
     *
     * @param selection which selection the slots were written for (see {@link #selection()})
     */
    public record Lines(String group, List<Line> lines, int partitionsInGroup, long selection) {
    }

    private record Seed(SeriesRing.Points lag, SeriesRing.Points lagSeconds, SeriesRing.Points produce,
                        SeriesRing.Points consume) {
    }

    private final List<DoubleDataSet> lag = slots("lag");
    private final List<DoubleDataSet> lagSeconds = slots("lag (s)");
    private final List<DoubleDataSet> produce = slots("produce");
    private final List<DoubleDataSet> consume = slots("consume");
    private volatile Duration window = Duration.ofMinutes(10);
    private String group; // guarded by this
    private volatile long selection; // written under this; read without it, so the UI thread never waits
    private Map<PartitionId, Seed> seed = Map.of(); // guarded by this

    private static List<DoubleDataSet> slots(String name) {
        List<DoubleDataSet> out = new ArrayList<>(SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            out.add(new DoubleDataSet(name + " " + i, 0));
        }
        return List.copyOf(out);
    }

    public List<DoubleDataSet> lag() {
        return lag;
    }

    public List<DoubleDataSet> lagSeconds() {
        return lagSeconds;
    }

    public List<DoubleDataSet> produce() {
        return produce;
    }

    public List<DoubleDataSet> consume() {
        return consume;
    }

    public Duration window() {
        return window;
    }

    void setWindow(Duration window) {
        this.window = window;
    }

    /** Draws this group from now on (nothing for null), forgetting the previous group's stored history. */
    synchronized void select(String group) {
        this.group = group;
        selection++;
        this.seed = Map.of();
        for (int i = 0; i < SLOTS; i++) {
            clear(i);
        }
    }

    /**
     * Counts selections: lines written before the latest selection describe slots it has since cleared, even
     * when the same group was selected again meanwhile.
     */
    long selection() {
        return selection;
    }

    /** Stored samples of a group, oldest first; ignored when another group was selected meanwhile. */
    synchronized void seed(String group, List<LagSample> stored, double gapMillis) {
        if (!group.equals(this.group)) {
            return;
        }
        Map<PartitionId, List<LagSample>> byPartition = stored.stream().filter(s -> !s.isGroupTotal())
                .collect(Collectors.groupingBy(LagSample::partition));
        Comparator<Map.Entry<PartitionId, List<LagSample>>> byLargestLag = Comparator.comparingLong(
                e -> -e.getValue().stream().mapToLong(s -> s.lag() == null ? 0 : s.lag()).max().orElse(0));
        Map<PartitionId, Seed> seeds = new HashMap<>();
        byPartition.entrySet().stream().sorted(byLargestLag).limit(SEEDED_PARTITIONS).forEach(e -> seeds.put(
                e.getKey(), new Seed(points(e.getValue(), s -> value(s.lag()), gapMillis),
                        points(e.getValue(), s -> value(s.lagSeconds()), gapMillis),
                        points(e.getValue(), s -> value(s.produceRate()), gapMillis),
                        points(e.getValue(), s -> value(s.consumeRate()), gapMillis))));
        this.seed = seeds;
    }

    /** Writes the selected group's series as of this refresh; returns which partitions are drawn. */
    synchronized Lines write(LagRefresh refresh, LagHistory history, double gapMillis) {
        GroupLag g = group == null ? null : refresh.groups().stream()
                .filter(x -> x.groupId().equals(group)).findFirst().orElse(null);
        if (g == null) {
            return new Lines(group, List.of(), 0, selection);
        }
        List<PartitionLag> drawn = g.partitions().stream()
                .sorted(Comparator.comparingLong((PartitionLag p) -> p.lag() == null ? -1 : p.lag()).reversed()
                        .thenComparing(PartitionLag::id))
                .limit(SLOTS)
                .sorted(Comparator.comparing(PartitionLag::id)) // a stable order keeps each line's colour
                .toList();
        double from = refresh.atMillis() - window.toMillis();
        List<Line> lines = new ArrayList<>(drawn.size());
        for (int i = 0; i < SLOTS; i++) {
            if (i >= drawn.size()) {
                clear(i);
                continue;
            }
            PartitionId id = drawn.get(i).id();
            Seed s = seed.get(id);
            set(lag.get(i), id, merge(s == null ? null : s.lag(), history.lag(group, id), from, gapMillis));
            set(lagSeconds.get(i), id,
                    merge(s == null ? null : s.lagSeconds(), history.lagSeconds(group, id), from, gapMillis));
            set(produce.get(i), id, merge(s == null ? null : s.produce(), history.produceRate(id), from, gapMillis));
            set(consume.get(i), id,
                    merge(s == null ? null : s.consume(), history.consumeRate(group, id), from, gapMillis));
            lines.add(new Line(i, id, drawn.get(i).hot()));
        }
        return new Lines(group, List.copyOf(lines), g.partitions().size(), selection);
    }

    private void clear(int slot) {
        for (List<DoubleDataSet> series : List.of(lag, lagSeconds, produce, consume)) {
            if (series.get(slot).getDataCount() > 0) {
                series.get(slot).clearData();
            }
        }
    }

    private static void set(DoubleDataSet ds, PartitionId id, SeriesRing.Points p) {
        String name = id.toString();
        if (!name.equals(ds.getName())) {
            ds.setName(name);
        }
        ds.lock().writeLockGuard(() -> {
            ds.set(p.times(), p.values(), false); // fresh arrays each time: no copy needed
            // limits computed before the lock opens, so a pulse that catches the data also has its range
            ds.recomputeLimits(DataSet.DIM_X);
            ds.recomputeLimits(DataSet.DIM_Y);
        });
    }

    private static double value(Number n) {
        return n == null ? Double.NaN : n.doubleValue();
    }

    /** Stored samples as points, with a NaN wherever samples are further apart than a refresh or two. */
    private static SeriesRing.Points points(List<LagSample> samples, ToDoubleFunction<LagSample> value,
                                            double gapMillis) {
        PointsBuilder out = new PointsBuilder(samples.size() + 8, Double.NEGATIVE_INFINITY, 1);
        double last = Double.NaN;
        for (LagSample s : samples) {
            if (!Double.isNaN(last) && s.atMillis() - last > gapMillis) {
                out.add((last + s.atMillis()) / 2, Double.NaN);
            }
            out.add(s.atMillis(), value.applyAsDouble(s));
            last = s.atMillis();
        }
        return out.build();
    }

    /**
     * Stored points older than the live ring, then the ring, from {@code fromMillis} on, times in seconds as
     * chart-fx's time axis wants them; leading gaps are dropped so that a line never starts at a NaN.
     */
    static SeriesRing.Points merge(SeriesRing.Points stored, Optional<SeriesRing> ring, double fromMillis,
                                   double gapMillis) {
        SeriesRing.Points live = ring.map(SeriesRing::snapshot).orElse(new SeriesRing.Points(new double[0],
                new double[0]));
        double liveFrom = live.size() > 0 ? live.times()[0] : Double.POSITIVE_INFINITY;
        PointsBuilder out = new PointsBuilder(live.size() + (stored == null ? 0 : stored.size()) + 1, fromMillis,
                1000.0);
        double lastStored = Double.NaN;
        if (stored != null) {
            for (int i = 0; i < stored.size() && stored.times()[i] < liveFrom; i++) {
                out.add(stored.times()[i], stored.values()[i]);
                lastStored = stored.times()[i];
            }
        }
        if (!Double.isNaN(lastStored) && live.size() > 0 && liveFrom - lastStored > gapMillis) {
            out.add((lastStored + liveFrom) / 2, Double.NaN); // the console was not running
        }
        for (int i = 0; i < live.size(); i++) {
            out.add(live.times()[i], live.values()[i]);
        }
        return out.build();
    }

    /** Collects points from a time on, scaling the times, never starting with a gap. */
    private static final class PointsBuilder {
        private final double from;
        private final double timeDivisor;
        private double[] t;
        private double[] v;
        private int n;

        PointsBuilder(int capacity, double from, double timeDivisor) {
            this.t = new double[Math.max(capacity, 1)];
            this.v = new double[t.length];
            this.from = from;
            this.timeDivisor = timeDivisor;
        }

        void add(double time, double value) {
            if (time < from || (n == 0 && Double.isNaN(value))) {
                return;
            }
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                v = Arrays.copyOf(v, n * 2);
            }
            t[n] = time / timeDivisor;
            v[n++] = value;
        }

        SeriesRing.Points build() {
            return new SeriesRing.Points(Arrays.copyOf(t, n), Arrays.copyOf(v, n));
        }
    }
}
