package dev.highwater.core.lag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Active alerts and a bounded history of cleared ones. A condition that keeps holding stays one alert with its
 * first raise time (its message follows the latest numbers); when it stops holding the alert is cleared at that
 * refresh's time. Times come from the snapshots, never from a clock here. Not thread-safe: one refresh thread
 * writes it, and readers get copies.
 */
public final class AlertBook {

    public static final int DEFAULT_CLEARED_CAPACITY = 200;

    /** A condition that holds at one refresh; {@code key} says which condition it is across refreshes. */
    public record Condition(String key, Alert.Severity severity, String group, String message) {
    }

    private static final Comparator<Alert> ACTIVE_ORDER = Comparator
            .comparing(Alert::severity, Comparator.reverseOrder()) // CRITICAL before WARNING
            .thenComparing(Alert::raisedAt, Comparator.reverseOrder())
            .thenComparing(Alert::key);

    private final int clearedCapacity;
    private final Map<String, Alert> active = new LinkedHashMap<>();
    private final Deque<Alert> cleared = new ArrayDeque<>(); // newest first
    private long dropped;

    public AlertBook(int clearedCapacity) {
        if (clearedCapacity < 0) {
            throw new IllegalArgumentException("clearedCapacity must not be negative: " + clearedCapacity);
        }
        this.clearedCapacity = clearedCapacity;
    }

    /** Raises the conditions that hold at {@code atMillis} and clears every active alert not among them. */
    public void update(long atMillis, List<Condition> holding) {
        Set<String> keys = new HashSet<>();
        for (Condition c : holding) {
            keys.add(c.key());
            raise(atMillis, c);
        }
        for (Alert a : List.copyOf(active.values())) {
            if (!keys.contains(a.key())) {
                clear(atMillis, a.key());
            }
        }
    }

    /** Raises one condition, or refreshes its message when it is already active; leaves the others alone. */
    public void raise(long atMillis, Condition c) {
        Alert existing = active.get(c.key());
        long raisedAt = existing == null ? atMillis : existing.raisedAt();
        active.put(c.key(), new Alert(c.key(), c.severity(), c.group(), c.message(), raisedAt, null));
    }

    /** Clears the alert with this key if it is active. */
    public void clear(long atMillis, String key) {
        Alert a = active.remove(key);
        if (a == null) {
            return;
        }
        cleared.addFirst(new Alert(a.key(), a.severity(), a.group(), a.message(), a.raisedAt(), atMillis));
        while (cleared.size() > clearedCapacity) {
            cleared.removeLast();
            dropped++;
        }
    }

    /** Active alerts (most severe first, then newest first), then cleared ones (newest first). */
    public List<Alert> alerts() {
        List<Alert> all = new ArrayList<>(active());
        all.addAll(cleared);
        return List.copyOf(all);
    }

    public List<Alert> active() {
        return active.values().stream().sorted(ACTIVE_ORDER).toList();
    }

    /** How many cleared alerts fell out of the bounded history. */
    public long dropped() {
        return dropped;
    }
}
