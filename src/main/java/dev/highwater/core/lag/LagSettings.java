package dev.highwater.core.lag;

import java.time.Duration;

/**
 * The monitor's thresholds.
 *
 * @param refreshInterval   how often offsets are read (default 1 s)
 * @param hotspotFactor     a partition is hot when its lag is over this many times the group's average (3)
 * @param hotspotMinLag     …and at least this many offsets, so that noise on an idle group is not a hotspot (100)
 * @param criticalTotalLag  a group's total lag above this is critical (500,000)
 * @param statusWindow      how far back the status evaluation and the produce/consume rates look (10 s)
 * @param hotKeyShare       a key above this share of its topic's sampled traffic is flagged (0.2)
 * @param historyCapacity   samples kept per series in memory for the charts (3,600: an hour at 1 Hz); 0 keeps
 *                          none, for a service whose history lives elsewhere
 */
public record LagSettings(Duration refreshInterval, double hotspotFactor, long hotspotMinLag, long criticalTotalLag,
                          Duration statusWindow, double hotKeyShare, int historyCapacity) {

    /** As these settings, keeping no chart history in memory. */
    public LagSettings withoutHistory() {
        return new LagSettings(refreshInterval, hotspotFactor, hotspotMinLag, criticalTotalLag, statusWindow,
                hotKeyShare, 0);
    }

    public static LagSettings defaults() {
        return new LagSettings(Duration.ofSeconds(1), 3.0, 100, 500_000, Duration.ofSeconds(10), 0.2, 3_600);
    }
}
