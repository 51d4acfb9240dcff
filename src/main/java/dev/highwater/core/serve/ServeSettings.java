package dev.highwater.core.serve;

import dev.highwater.core.lag.LagSettings;

import java.time.Duration;

/**
 * How the lag service runs.
 *
 * @param interval         time between the end of one refresh of a cluster and the start of the next
 * @param groups           the groups watched
 * @param bind             the address the HTTP endpoint listens on (127.0.0.1 unless told otherwise)
 * @param port             its port; 0 lets the system choose
 * @param partitionSeries  whether the per-partition series are exposed (hot partitions always are)
 */
public record ServeSettings(Duration interval, GroupFilter groups, String bind, int port, boolean partitionSeries) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final String DEFAULT_BIND = "127.0.0.1";
    /**
     * Not 9308, kafka_exporter's port: a team often runs that exporter for its brokers on the same host as a lag
     * service, and both must start without a --port.
     */
    public static final int DEFAULT_PORT = 9490;
    /** A group's status is judged over this many refreshes (at least the monitor's default window). */
    static final int STATUS_REFRESHES = 6;

    /**
     * The monitor's settings for this interval: no chart history (Prometheus keeps it), and a status window of
     * {@value #STATUS_REFRESHES} refreshes, since a trend needs three refreshes over half the window.
     */
    LagSettings lagSettings() {
        LagSettings d = LagSettings.defaults().withoutHistory();
        Duration window = interval.multipliedBy(STATUS_REFRESHES);
        if (window.compareTo(d.statusWindow()) < 0) {
            window = d.statusWindow();
        }
        return new LagSettings(interval, d.hotspotFactor(), d.hotspotMinLag(), d.criticalTotalLag(), window,
                d.hotKeyShare(), d.historyCapacity());
    }
}
