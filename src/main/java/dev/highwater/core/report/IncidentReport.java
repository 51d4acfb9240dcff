package dev.highwater.core.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The facts of an incident report for one consumer group over a window: what the lag history, the replayed status
 * logic, the records of the window and the reset history say. {@link ReportJson} and {@link ReportMarkdown} write
 * the same facts.
 *
 * @param madeAt        when the report was made
 * @param summary       the window's figures at a glance
 * @param statusChanges the group's status at the window's first replayed refresh, then each change
 * @param series        the group's totals at each stored refresh of the window
 * @param hotPartitions partitions the hotspot rule flagged at some refresh of the window, the longest hot first
 * @param hotKeys       per topic the group reads, the heaviest keys of the window's records
 * @param alerts        alerts active at some time in the window, in the order raised
 * @param resets        resets of the group executed in the window, with their undo files
 * @param samples       a few records of the window, as {@code tail --format json} prints them (plus their
 *                      headers), secrets and configured fields redacted
 * @param redacted      the field names redacted beside those that look secret
 * @param notes         what the report could not say, and why, one sentence each
 */
public record IncidentReport(String clusterId, String bootstrap, String group, Instant from, Instant to,
                             Instant madeAt, Summary summary, List<StatusChange> statusChanges,
                             List<SeriesPoint> series, List<HotPartition> hotPartitions, List<TopicKeys> hotKeys,
                             List<AlertSpan> alerts, List<ResetDone> resets, List<String> samples,
                             List<String> redacted, List<String> notes) {

    /**
     * @param refreshes       stored refreshes in the window
     * @param maxLag          the highest total lag, and when it was first reached
     * @param lagAtEnd        the total lag at the window's last refresh
     * @param maxLagSeconds   the highest lag in seconds (the oldest unconsumed record's age), null when unknown
     * @param lagSecondsAtEnd at the window's last refresh, null when unknown
     * @param statusAtEnd     the replayed status at the window's last refresh, null when it could not be replayed
     */
    public record Summary(int refreshes, long maxLag, Instant maxLagAt, long lagAtEnd, Double maxLagSeconds,
                          Double lagSecondsAtEnd, String statusAtEnd) {
    }

    /** @param from null for the status at the window's first refresh */
    public record StatusChange(Instant at, String from, String to, String reason) {
    }

    /** The group's totals at one refresh; rates in records per second, null when unknown. */
    public record SeriesPoint(Instant at, long lag, Double lagSeconds, Double produceRate, Double consumeRate) {
    }

    /** @param refreshesHot at how many of the window's refreshes the partition was hot */
    public record HotPartition(String topic, int partition, int refreshesHot, Instant firstHotAt, Instant lastHotAt,
                               long maxLag) {
    }

    /**
     * @param recordsRead the window's records of the topic whose keys were counted
     * @param complete    false when counting stopped at the cap before the window's end
     */
    public record TopicKeys(String topic, long recordsRead, boolean complete, List<KeyShare> keys) {
    }

    /** @param share count / the topic's records read, 0 to 1 */
    public record KeyShare(String key, boolean noKey, long count, double share, List<Integer> partitions,
                           boolean hot) {
    }

    /** @param clearedAt null when the alert was still active at the window's end */
    public record AlertSpan(String key, String severity, String message, Instant raisedAt, Instant clearedAt) {
    }

    public record ResetDone(Instant at, String target, long moved, Path undoFile) {
    }
}
