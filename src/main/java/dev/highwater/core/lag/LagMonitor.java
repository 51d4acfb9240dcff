package dev.highwater.core.lag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a sequence of {@link OffsetsSnapshot}s into lag, lag in seconds, rates, hotspots, group status and
 * alerts. It keeps only what the rates and the status window need (bounded per partition), and forgets
 * partitions and groups that are gone. Deterministic: every time it uses is a snapshot's {@code takenAtMillis}.
 * <p>
 * Rates and trends are computed over {@link LagSettings#statusWindow()} (at least two refreshes for a rate,
 * three for a trend). A disconnected snapshot breaks every window: rates restart after it rather than average
 * over the gap; meanwhile each refresh carries the last values read, marked stale, with no rates. Not
 * thread-safe: call {@link #update} from one thread; what it returns is immutable.
 */
public final class LagMonitor {

    private final LagSettings settings;
    private final LagAlertRules rules;
    private final AlertBook alerts;
    private final Map<PartitionId, SampleWindow<LogSample>> logWindows = new HashMap<>();
    private final Map<String, GroupTracker> trackers = new HashMap<>();
    private List<GroupLag> lastView = List.of();
    private long lastReadAt; // 0 until a refresh succeeds

    private record LogSample(long at, long logEnd) implements SampleWindow.Timed {
    }

    public LagMonitor(LagSettings settings) {
        this.settings = settings;
        this.rules = new LagAlertRules(settings);
        this.alerts = new AlertBook(AlertBook.DEFAULT_CLEARED_CAPACITY);
    }

    public LagRefresh update(OffsetsSnapshot snapshot) {
        long at = snapshot.takenAtMillis();
        if (!snapshot.connected()) {
            logWindows.values().forEach(SampleWindow::clear);
            trackers.values().forEach(GroupTracker::breakWindows);
            alerts.raise(at, LagAlertRules.disconnected(snapshot.error()));
            // the last values read, said to be stale; a rate is a measure of now, so none is repeated
            List<GroupLag> stale = lastView.stream().map(GroupLag::withoutRates).toList();
            return new LagRefresh(at, snapshot.error(), lastReadAt, stale, alerts.alerts());
        }
        Map<PartitionId, GroupTracker.LogState> logs = trackLogs(at, snapshot);

        // each group looks up the partitions of its own topics: scanning every log per group is quadratic on a
        // cluster of thousands of groups and tens of thousands of partitions
        Map<String, List<PartitionId>> byTopic = new HashMap<>();
        logs.keySet().forEach(p -> byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p));
        List<GroupLag> view = new ArrayList<>(snapshot.groups().size());
        List<AlertBook.Condition> holding = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (OffsetsSnapshot.GroupOffsets g : snapshot.groups()) {
            present.add(g.groupId());
            GroupTracker tracker = trackers.computeIfAbsent(g.groupId(), id -> new GroupTracker(id, settings));
            GroupLag lag = tracker.update(at, g, logs, byTopic);
            view.add(lag);
            holding.addAll(rules.conditions(lag, tracker.verdict()));
        }
        trackers.keySet().retainAll(present);
        view.sort(Comparator.comparing(GroupLag::groupId));
        alerts.update(at, holding); // also clears "disconnected"
        lastView = List.copyOf(view);
        lastReadAt = at;
        return new LagRefresh(at, null, at, lastView, alerts.alerts());
    }

    /** Every alert raised so far that is still active or among the recently cleared ones. */
    public List<Alert> alerts() {
        return alerts.alerts();
    }

    private Map<PartitionId, GroupTracker.LogState> trackLogs(long at, OffsetsSnapshot snapshot) {
        logWindows.keySet().retainAll(snapshot.logs().keySet());
        Map<PartitionId, Double> rates = new HashMap<>();
        Map<String, Double> topicTotals = new HashMap<>();
        for (Map.Entry<PartitionId, OffsetsSnapshot.LogOffsets> e : snapshot.logs().entrySet()) {
            PartitionId id = e.getKey();
            OffsetsSnapshot.LogOffsets log = e.getValue();
            SampleWindow<LogSample> window = logWindows.computeIfAbsent(id,
                    k -> new SampleWindow<>(settings.statusWindow().toMillis()));
            if (window.last() != null && log.logEnd() < window.last().logEnd()) {
                window.clear(); // the topic was recreated or truncated
            }
            window.add(new LogSample(at, log.logEnd()));
            Double rate = window.perSecond(LogSample::logEnd);
            rates.put(id, rate);
            if (rate != null) {
                topicTotals.merge(id.topic(), rate, Double::sum);
            }
        }
        Map<PartitionId, GroupTracker.LogState> logs = new HashMap<>();
        for (Map.Entry<PartitionId, OffsetsSnapshot.LogOffsets> e : snapshot.logs().entrySet()) {
            Double rate = rates.get(e.getKey());
            Double total = topicTotals.get(e.getKey().topic());
            double share = rate == null || total == null || total <= 0 ? Double.NaN : rate / total;
            logs.put(e.getKey(), new GroupTracker.LogState(e.getValue().logEnd(), rate, share));
        }
        return logs;
    }
}
