package dev.highwater.core.serve;

import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagService;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.lag.OffsetsSource;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * One cluster under the lag service: the engine's {@link LagService} refreshing its watched groups (no history
 * store, no key sampling), and the newest {@link ClusterLag} made from each refresh for the next scrape. Says in
 * one line when the cluster stops answering (once per reason) and when it answers again.
 */
final class ClusterWatch implements AutoCloseable {

    private final String name;
    private final LagService service;
    private final WatchedGroupsSource source;
    private final Consumer<String> notices;
    private final Runnable changed;
    private final String retrying;
    private volatile ClusterLag state;
    // written on the refresh thread only
    private long refreshes;
    private long errors;
    private Long lastSuccessMillis;
    private String saidDown;

    /** @param changed called on the refresh thread after each refresh, once {@link #state()} has changed */
    ClusterWatch(ServedCluster cluster, OffsetsSource offsets, ServeSettings settings, Consumer<String> notices,
                 Runnable changed, Clock clock) {
        this.name = cluster.name();
        this.notices = notices;
        this.changed = changed;
        this.source = new WatchedGroupsSource(offsets, settings.groups(), clock);
        LagSettings lag = settings.lagSettings();
        this.retrying = "; trying again every " + ServeText.seconds(settings.interval());
        this.service = new LagService(source, new NoKeySamples(), null, cluster.name(), lag, clock);
        this.state = ClusterLag.notYetRead(name);
        service.subscribe(this::refreshed);
    }

    void start() {
        service.start();
    }

    ClusterLag state() {
        return state;
    }

    private void refreshed(LagRefresh refresh) {
        record(refresh);
        changed.run();
    }

    private void record(LagRefresh refresh) {
        double seconds = (System.nanoTime() - source.readStartedNanos()) / 1e9;
        refreshes++;
        if (refresh.connected()) {
            lastSuccessMillis = refresh.readAtMillis();
            state = new ClusterLag(name, true, refreshes, errors, seconds, lastSuccessMillis, refresh.groups(), null);
            if (saidDown != null) {
                notices.accept("cluster " + name + " answers again");
                saidDown = null;
            }
        } else {
            errors++;
            state = new ClusterLag(name, false, refreshes, errors, seconds, lastSuccessMillis, List.of(),
                    refresh.error());
            if (!refresh.error().equals(saidDown)) {
                notices.accept("cluster " + name + " does not answer: " + ServeText.withoutPeriod(refresh.error())
                        + retrying);
                saidDown = refresh.error();
            }
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
