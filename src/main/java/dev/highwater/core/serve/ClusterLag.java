package dev.highwater.core.serve;

import dev.highwater.core.lag.GroupLag;

import java.util.List;

/**
 * What the lag service shows of one cluster at a moment: its groups as last read, and how its refreshes go.
 * Immutable; a scrape reads the newest one.
 *
 * @param name               the cluster's name
 * @param up                 whether the last refresh was answered; null before the first refresh ended
 * @param refreshes          refreshes made since the start, answered or not
 * @param errors             refreshes the cluster did not answer
 * @param refreshSeconds     how long the last refresh took; null before the first
 * @param lastSuccessMillis  when the last answered refresh read its values; null before the first
 * @param groups             the watched groups as the last refresh read them; empty while the cluster does not
 *                           answer: values of before an outage are not shown as if they were current
 * @param error              why the last refresh was not answered, one sentence; null when it was
 */
public record ClusterLag(String name, Boolean up, long refreshes, long errors, Double refreshSeconds,
                         Long lastSuccessMillis, List<GroupLag> groups, String error) {

    public ClusterLag {
        groups = List.copyOf(groups);
    }

    /** A cluster no refresh has ended for yet. */
    static ClusterLag notYetRead(String name) {
        return new ClusterLag(name, null, 0, 0, null, null, List.of(), null);
    }
}
