package dev.highwater.core.notify;

import dev.highwater.core.Subscription;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagService;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends the console's alerts out of the app: each alert raised or cleared on the connected cluster goes, once, to
 * the connection profile's webhook and to the desktop's notifications (when switched on). It listens to the lag
 * service of each connection and hands events to an {@link AlertOutbox}, so a refresh never waits for a delivery.
 * It lives as long as the app: what it announced for a profile is remembered across reconnections, so an alert
 * still active is not sent again. A webhook URL that cannot be resolved or used is one sentence among
 * {@link #problems()}, as a failing delivery is.
 */
public final class AlertForwarder implements AutoCloseable {

    /** After a (re)connection, how long an alert may stay away and still be the same one (rates need a window). */
    public static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String UNUSABLE_WEBHOOK = "the connection's webhook URL";

    private final AlertChannels channels;
    private final SecretResolver secrets;
    private final Clock clock;
    private final Duration settle;
    private final AlertOutbox outbox;
    private final Map<String, AlertEvents> byProfile = new HashMap<>(); // guarded by this
    private volatile boolean desktopOn = true;
    private volatile Optional<AlertChannel> desktop; // null until asked, off the UI thread
    private volatile AlertChannel watchedWebhook;

    public AlertForwarder(AlertChannels channels, SecretResolver secrets, Clock clock) {
        this(channels, secrets, clock, SETTLE, AlertOutbox.DEFAULT_CAPACITY);
    }

    public AlertForwarder(AlertChannels channels, SecretResolver secrets, Clock clock, Duration settle,
                          int queueCapacity) {
        this.channels = channels;
        this.secrets = secrets;
        this.clock = clock;
        this.settle = settle;
        this.outbox = new AlertOutbox(queueCapacity);
    }

    /**
     * Forwards the alerts of a connection from its next refresh on; closing the subscription (or the service)
     * stops it. Resolves the profile's webhook reference: call it off the UI thread.
     *
     * @param cluster the cluster's bootstrap servers, as the events name it
     */
    public Subscription watch(ConnectionProfile profile, String cluster, LagService lag) {
        AlertChannel webhook = webhookOf(profile);
        AlertChannel before = watchedWebhook;
        if (before != null && (webhook == null || !before.describe().equals(webhook.describe()))) {
            outbox.forget(before); // another profile's webhook: its failure is no longer this connection's
        }
        watchedWebhook = webhook;
        AlertEvents events;
        synchronized (this) {
            events = byProfile.computeIfAbsent(profile.name() + "\n" + cluster, k -> new AlertEvents(settle));
        }
        synchronized (events) {
            events.restart();
        }
        desktop(); // asks the platform now, on this background thread, rather than on a refresh
        return lag.subscribe(refresh -> forward(events, refresh, cluster, profile.name(), webhook));
    }

    /** Whether desktop notifications are wanted (on by default); they are shown only where the platform has them. */
    public void desktopNotifications(boolean on) {
        desktopOn = on;
    }

    /**
     * Whether the platform shows desktop notifications (it has a system tray). The first call may start the
     * windowing toolkit: call it off the UI thread.
     */
    public boolean desktopSupported() {
        return desktop().isPresent();
    }

    /**
     * Sends a test event to the profile's webhook and to the desktop's notifications, now, on the caller's
     * thread (never the UI's: a webhook may take seconds), and says in one sentence per channel how it went.
     */
    public List<String> test(ConnectionProfile profile, String cluster) {
        AlertEvent event = AlertEvent.test(clock.millis(), cluster, profile.name());
        List<String> out = new ArrayList<>();
        if (profile.webhook().isEmpty()) {
            out.add("No webhook in this profile: add one under Alerts in its connection settings.");
        } else {
            try {
                out.add(tried(event, channels.webhook(resolvedWebhook(profile))));
            } catch (ConnectionSettingsException | AlertDeliveryException e) {
                out.add("Test alert not sent: " + e.getMessage());
            }
        }
        Optional<AlertChannel> d = desktop();
        if (d.isEmpty()) {
            out.add(NO_TRAY_FOR_TEST);
        } else if (!desktopOn) {
            out.add("Desktop notifications are switched off; switch them on by the alerts list to get them.");
        } else {
            out.add(tried(event, d.get()));
        }
        return out;
    }

    /** What a test says of the desktop's notifications where there is no tray. */
    public static final String NO_TRAY_FOR_TEST = "No desktop notification: this desktop has no system tray.";

    /** One sentence for a platform without a system tray. */
    public static String noDesktopSentence() {
        return "No system tray on this desktop: alerts are not shown as desktop notifications.";
    }

    /** Why alerts are not leaving the app as they should, one sentence each; empty when all is well. */
    public List<String> problems() {
        return outbox.problems();
    }

    /** Hears {@link #problems()} each time they change, on a background thread. */
    public Subscription onProblems(Consumer<List<String>> listener) {
        return outbox.onProblems(listener);
    }

    /** The queue the events wait in (its counts, for tests and diagnostics). */
    public AlertOutbox outbox() {
        return outbox;
    }

    private void forward(AlertEvents events, LagRefresh refresh, String cluster, String profile,
                         AlertChannel webhook) {
        List<AlertEvent> made;
        synchronized (events) {
            made = events.next(refresh, cluster, profile);
        }
        if (made.isEmpty()) {
            return;
        }
        List<AlertChannel> to = new ArrayList<>(2);
        if (webhook != null) {
            to.add(webhook);
        }
        Optional<AlertChannel> d = desktop;
        if (desktopOn && d != null && d.isPresent()) {
            to.add(d.get());
        }
        for (AlertEvent e : made) {
            outbox.offer(e, to);
        }
    }

    private String tried(AlertEvent event, AlertChannel channel) {
        try {
            return "Test alert delivered to " + channel.describe() + " (" + outbox.deliverNow(event, channel) + ").";
        } catch (AlertDeliveryException e) {
            return "Test alert not delivered to " + channel.describe() + ": " + e.getMessage() + ".";
        }
    }

    /** The profile's webhook, or null when it has none or it cannot be used (then said in {@link #problems()}). */
    private AlertChannel webhookOf(ConnectionProfile profile) {
        String problem = null;
        AlertChannel webhook = null;
        if (!profile.webhook().isEmpty()) {
            try {
                webhook = channels.webhook(resolvedWebhook(profile));
            } catch (ConnectionSettingsException | AlertDeliveryException e) {
                problem = "Alerts are not sent to the webhook of " + profile.name() + ": " + e.getMessage();
            }
        }
        outbox.report(UNUSABLE_WEBHOOK, problem);
        return webhook;
    }

    private String resolvedWebhook(ConnectionProfile profile) {
        String url = secrets.resolve(profile.webhook(), "the webhook URL of profile " + profile.name());
        Optional<String> p = WebhookUrl.problem(url);
        if (p.isPresent()) {
            throw new AlertDeliveryException(p.get().replaceAll("\\.$", ""), "fix it in the profile");
        }
        return url;
    }

    private Optional<AlertChannel> desktop() {
        Optional<AlertChannel> d = desktop;
        if (d == null) {
            synchronized (this) {
                if (desktop == null) {
                    desktop = channels.desktop();
                }
                d = desktop;
            }
        }
        return d;
    }

    @Override
    public void close() {
        outbox.close();
    }
}
