package dev.highwater.core.notify;

import dev.highwater.core.lag.Alert;
import dev.highwater.core.lag.LagRefresh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one profile's successive refreshes into events: an alert is announced raised once, when it first shows
 * as active, and cleared once, when it stops being active; the refreshes in between, which repeat it, announce
 * nothing. It outlives a connection: after the console reconnects (a new watch of the same profile, or the
 * cluster answering again after an outage) an alert it announced that is still active is not announced again.
 * Some conditions (a stalled or lagging group) need a few refreshes of rates before they can hold again, so
 * after a (re)connection an alert announced before it is taken as cleared only once it has stayed away for a
 * settling time and at least {@value #SETTLING_REFRESHES} refreshes. Times are the refreshes' own. Not
 * thread-safe: one refresh thread calls it.
 */
public final class AlertEvents {

    static final int SETTLING_REFRESHES = 3;
    private static final long NONE = Long.MIN_VALUE;

    private final long settleMillis;
    private final Map<String, Alert> announced = new LinkedHashMap<>(); // raised and not yet cleared, by key
    private final Map<String, Long> announcedAt = new HashMap<>(); // the refresh time each was announced at
    private long watchStart = NONE; // the first refresh of the current watch
    private boolean restarting = true; // no connected refresh yet in this watch
    private boolean lastConnected = true;
    private long outageBegan = NONE;
    /** While settling, the alerts announced before this time may stay away and still hold. */
    private long settlingSince = NONE;
    private long settledAt = NONE;
    private int refreshesSince;

    /** @param settle how long, after a (re)connection, an alert announced before it may stay away and still hold */
    public AlertEvents(Duration settle) {
        this.settleMillis = settle.toMillis();
    }

    /** A new watch of the profile begins (a connection made): its first refresh starts a settling time. */
    public void restart() {
        restarting = true;
        watchStart = NONE;
        lastConnected = true;
    }

    /** The events this refresh makes, in the order its alerts list them (raised before cleared). */
    public List<AlertEvent> next(LagRefresh refresh, String cluster, String profile) {
        long at = refresh.atMillis();
        if (watchStart == NONE) {
            watchStart = at;
        }
        if (!refresh.connected()) {
            if (lastConnected) {
                outageBegan = at;
            }
        } else if (restarting) {
            beginSettling(watchStart, at);
        } else if (!lastConnected) {
            beginSettling(outageBegan, at);
        }
        if (refresh.connected()) {
            restarting = false;
            refreshesSince++;
        }
        lastConnected = refresh.connected();

        Map<String, Alert> active = new LinkedHashMap<>();
        Map<String, Long> clearedAt = new HashMap<>();
        for (Alert a : refresh.alerts()) {
            if (a.active()) {
                active.put(a.key(), a);
            } else {
                clearedAt.putIfAbsent(a.key(), a.clearedAt()); // the list has the newest first
            }
        }
        List<AlertEvent> events = new ArrayList<>();
        for (Alert a : active.values()) {
            Alert before = announced.get(a.key());
            if (before == null) {
                announced.put(a.key(), a);
                announcedAt.put(a.key(), at);
                events.add(AlertEvent.raised(a, cluster, profile));
            } else { // the same condition: its first raise time, its latest words
                announced.put(a.key(), new Alert(a.key(), a.severity(), a.group(), a.message(), before.raisedAt(),
                        null));
            }
        }
        if (!refresh.connected()) {
            return events; // an outage clears nothing: the cluster did not say
        }
        boolean settling = settling(at);
        for (Alert a : List.copyOf(announced.values())) {
            if (active.containsKey(a.key()) || settling && announcedAt.get(a.key()) < settlingSince) {
                continue; // still holds, or may hold again once the rates are back
            }
            announced.remove(a.key());
            announcedAt.remove(a.key());
            long when = clearedAt.getOrDefault(a.key(), at);
            events.add(AlertEvent.cleared(a, Math.max(when, a.raisedAt()), cluster, profile));
        }
        return events;
    }

    private void beginSettling(long boundary, long at) {
        settlingSince = boundary; // later than any before: what an earlier settling held, this one holds too
        settledAt = at + settleMillis;
        refreshesSince = 0;
    }

    private boolean settling(long at) {
        return settlingSince != NONE && (refreshesSince < SETTLING_REFRESHES || at < settledAt);
    }

    /** The alerts announced raised and not yet cleared. */
    public List<Alert> announced() {
        return List.copyOf(announced.values());
    }
}
