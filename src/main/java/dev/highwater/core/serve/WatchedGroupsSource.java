package dev.highwater.core.serve;

import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.OffsetsSource;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster's offsets, read for the groups a {@link GroupFilter} watches, and the time each read started (a
 * refresh's duration is measured from it). With a filter the groups are listed first and only the watched ones
 * are read; without one every group is read in the same batched calls as before.
 */
final class WatchedGroupsSource implements OffsetsSource {

    private final OffsetsSource source;
    private final GroupFilter filter;
    private final Clock clock;
    private volatile long readStartedNanos = System.nanoTime();

    WatchedGroupsSource(OffsetsSource source, GroupFilter filter, Clock clock) {
        this.source = source;
        this.filter = filter;
        this.clock = clock;
    }

    /** When the latest read started ({@link System#nanoTime()}). */
    long readStartedNanos() {
        return readStartedNanos;
    }

    @Override
    public Set<String> groups() {
        Set<String> watched = new TreeSet<>();
        for (String g : source.groups()) {
            if (filter.watches(g)) {
                watched.add(g);
            }
        }
        return watched;
    }

    /** The watched groups' offsets; {@code groups} is ignored: the filter decides. */
    @Override
    public OffsetsSnapshot read(Set<String> groups) {
        readStartedNanos = System.nanoTime();
        if (filter.everyGroup()) {
            return source.read(Set.of());
        }
        Set<String> watched;
        try {
            watched = groups();
        } catch (IllegalStateException e) {
            return OffsetsSnapshot.disconnected(clock.millis(), e.getMessage()); // one sentence already
        }
        if (watched.isEmpty()) {
            // reading an empty set would read every group: none is watched, and the cluster did answer
            return new OffsetsSnapshot(clock.millis(), null, Map.of(), List.of());
        }
        return source.read(watched);
    }

    @Override
    public String clusterId() {
        return source.clusterId();
    }

    @Override
    public void close() {
        source.close();
    }
}
