package dev.highwater.core.lag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plays a group's stored history through a {@link LagMonitor}, the same logic the live view runs, so that what a
 * report says about status, hot partitions and alerts is what the console said at the time. Each stored refresh
 * becomes the snapshot it was read from: committed and log-end offsets, the owners as members, the lag in seconds
 * as the time of the record at the committed offset. A pause much longer than the refreshes before it (the console
 * disconnected or closed) breaks the windows, as a disconnection did live; the "disconnected" alert that takes is
 * left out, since history cannot tell a disconnection from a console that was not running.
 */
public final class LagReplay {

    /** A pause shorter than this never counts as a break, whatever the refreshes before it. */
    static final long MIN_GAP_MILLIS = 5_000;

    /** One replayed refresh: the group as the live view showed it, and the alerts then (active, then cleared). */
    public record Step(long atMillis, GroupLag group, List<Alert> alerts) {
    }

    /**
     * What the replay gave.
     *
     * @param steps   the refreshes from {@code fromMillis} on, oldest first
     * @param skipped refreshes that could not be replayed: kept without offsets (by an older version, or a group
     *                too large for per-partition history)
     */
    public record Result(List<Step> steps, int skipped) {
    }

    private LagReplay() {
    }

    /**
     * @param samples    the group's stored samples, from some time before {@code fromMillis} so that the status
     *                   window is full at the start (totals' rows are ignored)
     * @param fromMillis steps before this instant warm the monitor up and are not returned
     */
    public static Result replay(String group, List<LagSample> samples, long fromMillis, LagSettings settings) {
        Map<Long, List<LagSample>> byRefresh = new TreeMap<>();
        for (LagSample s : samples) {
            if (!s.isGroupTotal()) {
                byRefresh.computeIfAbsent(s.atMillis(), k -> new ArrayList<>()).add(s);
            }
        }
        LagMonitor monitor = new LagMonitor(settings);
        List<Step> steps = new ArrayList<>();
        int skipped = 0;
        long previous = -1;
        long interval = -1;
        for (Map.Entry<Long, List<LagSample>> e : byRefresh.entrySet()) {
            long at = e.getKey();
            if (e.getValue().stream().anyMatch(s -> s.logEnd() == null)) {
                skipped += at >= fromMillis ? 1 : 0;
                continue;
            }
            if (previous >= 0 && interval > 0 && at - previous > Math.max(MIN_GAP_MILLIS, 3 * interval)) {
                monitor.update(OffsetsSnapshot.disconnected(previous + 1, "no history"));
            }
            LagRefresh refresh = monitor.update(snapshot(group, at, e.getValue()));
            interval = previous < 0 ? -1 : at - previous;
            previous = at;
            if (at < fromMillis || refresh.groups().isEmpty()) {
                continue;
            }
            List<Alert> alerts = refresh.alerts().stream()
                    .filter(a -> !LagAlertRules.DISCONNECTED_KEY.equals(a.key())).toList();
            steps.add(new Step(at, refresh.groups().getFirst(), alerts));
        }
        return new Result(List.copyOf(steps), skipped);
    }

    private static OffsetsSnapshot snapshot(String group, long at, List<LagSample> partitions) {
        Map<PartitionId, OffsetsSnapshot.LogOffsets> logs = new HashMap<>();
        Map<PartitionId, Long> committed = new HashMap<>();
        Map<PartitionId, OffsetsSnapshot.RecordTime> times = new HashMap<>();
        Map<String, Set<PartitionId>> owned = new TreeMap<>();
        for (LagSample s : partitions) {
            PartitionId id = s.partition();
            logs.put(id, new OffsetsSnapshot.LogOffsets(id, 0, s.logEnd()));
            if (s.committed() != null) {
                committed.put(id, s.committed());
                if (s.lagSeconds() != null && s.lag() != null && s.lag() > 0) {
                    times.put(id, new OffsetsSnapshot.RecordTime(s.committed(),
                            at - Math.round(s.lagSeconds() * 1000), false));
                }
            }
            if (s.owner() != null) {
                owned.computeIfAbsent(s.owner(), k -> new HashSet<>()).add(id);
            }
        }
        List<OffsetsSnapshot.Member> members = owned.entrySet().stream()
                .map(o -> new OffsetsSnapshot.Member(o.getKey(), o.getKey(), "", o.getValue())).toList();
        OffsetsSnapshot.GroupOffsets offsets = new OffsetsSnapshot.GroupOffsets(group,
                members.isEmpty() ? "Empty" : "Stable", members, committed, times);
        return new OffsetsSnapshot(at, null, logs, List.of(offsets));
    }
}
