package dev.highwater.ui.partitions;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.Subscription;
import dev.highwater.core.lag.Alert;
import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.GroupStatus;
import dev.highwater.core.lag.HotKeyReport;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSample;
import dev.highwater.core.lag.LagService;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The Partitions screen's state: the watched groups, the selected group's partitions and charts, hot keys,
 * alerts and the connection. It never holds a Node. The service calls it on its refresh thread; the model keeps
 * only the newest result and posts at most one drain at a time to the UI thread, where all its properties
 * change. Stored history is read on a background thread of its own, never on the UI thread.
 */
public final class PartitionsModel {

    private static final Logger log = LoggerFactory.getLogger(PartitionsModel.class);
    public static final int MAX_ALERTS = 200;
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(60);
    public static final List<Duration> CHART_WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30), Duration.ofHours(1));
    /** How far back the charts are seeded from stored history when a group is opened. */
    static final Duration SEED_SPAN = Duration.ofHours(1);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** What one refresh brings to the UI thread; {@code ranked} is every group, the worst first. */
    private record Update(LagRefresh refresh, List<GroupSummary> ranked, List<HotKeyReport> hotKeys,
                          String storageProblem, LagChartSeries.Lines lines) {
    }

    private final LagService service;
    private final ExecutorService background;
    private final LagChartSeries charts = new LagChartSeries();
    private final Coalescer<Update> updates;
    private final Subscription subscription;
    private volatile boolean disposed;
    private LagRefresh shown; // UI thread
    private List<GroupSummary> ranked = List.of(); // UI thread: every group of the shown refresh, the worst first
    private List<HotKeyReport> allHotKeys = List.of(); // UI thread
    private boolean userChose; // UI thread: the user picked a group; the screen stops picking for them
    private boolean applying; // UI thread: the group list is being rewritten; its selection events are not picks

    // ---- Properties (changed on the UI thread only) ----
    private final ObservableList<GroupSummary> groups = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper groupFilter = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper groupCount = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper selectedGroup = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<GroupStatus> selectedStatus = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper statusReason = new ReadOnlyStringWrapper();
    private final ObservableList<PartitionLag> partitionRows = FXCollections.observableArrayList();
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final ObservableList<HotKeyReport> hotKeys = FXCollections.observableArrayList();
    private final ObservableList<LagChartSeries.Line> chartLines = FXCollections.observableArrayList();
    // one read-only view each: a view made per call could be collected with its listeners still on it
    private final ObservableList<GroupSummary> groupsView = FXCollections.unmodifiableObservableList(groups);
    private final ObservableList<PartitionLag> partitionRowsView =
            FXCollections.unmodifiableObservableList(partitionRows);
    private final ObservableList<Alert> alertsView = FXCollections.unmodifiableObservableList(alerts);
    private final ObservableList<HotKeyReport> hotKeysView = FXCollections.unmodifiableObservableList(hotKeys);
    private final ObservableList<LagChartSeries.Line> chartLinesView =
            FXCollections.unmodifiableObservableList(chartLines);
    private final ReadOnlyIntegerWrapper partitionsInGroup = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper connectionBanner = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper staleSince = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper storageProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyLongWrapper lastRefreshAt = new ReadOnlyLongWrapper();
    private final ReadOnlyObjectWrapper<Duration> refreshInterval = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Duration> chartWindow = new ReadOnlyObjectWrapper<>();

    /** @param service already started by the caller; this model only listens and reads */
    public PartitionsModel(LagService service, UiThread ui) {
        this.service = service;
        this.updates = new Coalescer<>(ui, this::apply);
        // one thread of its own: stored history is read in the order asked (the composition's tasks keep none)
        this.background = Executors.newSingleThreadExecutor(DaemonThreads.named("partitions-history"));
        refreshInterval.set(service.refreshInterval());
        chartWindow.set(charts.window());
        subscription = service.subscribe(this::publish);
        LagRefresh latest = service.latest();
        if (latest != null) {
            background.execute(() -> publish(latest));
        }
    }

    public ObservableList<GroupSummary> groups() {
        return groupsView;
    }

    /** The text the group list is searched for (part of a group's name, any case); empty shows every group. */
    public ReadOnlyStringProperty groupFilterProperty() {
        return groupFilter.getReadOnlyProperty();
    }

    /** How many groups the list shows of how many: "12 of 2,500 groups" while searching, else "2,500 groups". */
    public ReadOnlyStringProperty groupCountProperty() {
        return groupCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedGroupProperty() {
        return selectedGroup.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GroupStatus> selectedStatusProperty() {
        return selectedStatus.getReadOnlyProperty();
    }

    /** Why the selected group's status is what it is, in one sentence. */
    public ReadOnlyStringProperty statusReasonProperty() {
        return statusReason.getReadOnlyProperty();
    }

    /** The selected group's partitions in topic-partition order, updated in place. */
    public ObservableList<PartitionLag> partitionRows() {
        return partitionRowsView;
    }

    /** Active alerts first, then recently cleared ones; at most {@value #MAX_ALERTS}. */
    public ObservableList<Alert> alerts() {
        return alertsView;
    }

    /** A partition's most frequent keys in the latest sample, in words (in memory: fine on the UI thread). */
    public String topKeysText(PartitionId partition) {
        List<HotKeyReport.KeyShare> top = service.hotKeys(partition, 5);
        if (top.isEmpty()) {
            return "No keys of " + partition + " sampled yet.";
        }
        StringBuilder text = new StringBuilder("Top keys of " + partition + " in the latest sample:");
        for (HotKeyReport.KeyShare k : top) {
            text.append("\n").append(LagFormat.share(k.share())).append("  ").append(k.key());
        }
        return text.toString();
    }

    /** Hot-key reports of the topics the selected group reads (of all topics when none is selected). */
    public ObservableList<HotKeyReport> hotKeys() {
        return hotKeysView;
    }

    /** Which partitions the charts draw, in slot order; see {@link #charts()}. */
    public ObservableList<LagChartSeries.Line> chartLines() {
        return chartLinesView;
    }

    /** The selected group's partitions in all, to say when the charts draw only some. */
    public ReadOnlyIntegerProperty partitionsInGroupProperty() {
        return partitionsInGroup.getReadOnlyProperty();
    }

    /** The chart data sets, written off the UI thread: chart-fx data sets carry their own lock. */
    public LagChartSeries charts() {
        return charts;
    }

    /** Null while connected; else what went wrong, since when the values shown are stale, and that rates are not. */
    public ReadOnlyStringProperty connectionBannerProperty() {
        return connectionBanner.getReadOnlyProperty();
    }

    /**
     * Null while the values shown are the latest refresh's; otherwise the time they were read ("HH:MM:SS"), for
     * the places that show values to say since when they are stale (the rows carry no rates meanwhile).
     */
    public ReadOnlyStringProperty staleSinceProperty() {
        return staleSince.getReadOnlyProperty();
    }

    /** Null while history is being stored; otherwise why not. */
    public ReadOnlyStringProperty storageProblemProperty() {
        return storageProblem.getReadOnlyProperty();
    }

    /** Epoch millis when the values shown were read (a failed refresh does not move it), 0 before the first. */
    public ReadOnlyLongProperty lastRefreshAtProperty() {
        return lastRefreshAt.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Duration> refreshIntervalProperty() {
        return refreshInterval.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Duration> chartWindowProperty() {
        return chartWindow.getReadOnlyProperty();
    }

    // ---- Commands (called on the UI thread) ----

    /**
     * The user picks this group: shows its partitions and charts (seeded with the past hour of stored history)
     * and from now on keeps it, rather than following the group most in need of a look.
     */
    public void selectGroup(String group) {
        if (applying || Objects.equals(group, selectedGroup.get())) {
            return; // a list rewritten by a refresh moves its selection by itself: that is no pick
        }
        userChose = true;
        show(group);
    }

    private void show(String group) {
        selectedGroup.set(group);
        chartLines.clear();
        partitionsInGroup.set(0);
        showSelected();
        showHotKeys();
        // off the UI thread: the series' lock may be held by a writer waiting for a data set the charts have
        // locked for drawing, and the UI thread must never wait for it
        background.execute(() -> {
            charts.select(group);
            if (group != null) {
                service.openGroup(group); // its chart series are kept in memory from the next refresh on
                seed(group);
            }
        });
    }

    /**
     * Shows only the groups whose name contains this text, in any case (blank: every group), still the worst
     * first. The selected group stays selected, shown or not.
     */
    public void setGroupFilter(String text) {
        String filter = text == null ? "" : text.strip();
        if (!filter.equals(groupFilter.get())) {
            groupFilter.set(filter);
            showGroups();
        }
    }

    /** Refreshes every {@code interval}, from 1 to 60 s, without re-creating anything. */
    public void setRefreshInterval(Duration interval) {
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("the refresh interval must be 1 to 60 s: " + interval);
        }
        service.setRefreshInterval(interval);
        refreshInterval.set(interval);
    }

    /** How much time the charts show. */
    public void setChartWindow(Duration window) {
        if (window.isNegative() || window.isZero() || window.compareTo(SEED_SPAN) > 0) {
            throw new IllegalArgumentException("the chart window must be up to an hour: " + window);
        }
        charts.setWindow(window);
        chartWindow.set(window);
        LagRefresh latest = service.latest();
        if (latest != null) {
            background.execute(() -> publish(latest));
        }
    }

    /** Stops listening to the service; the model shows nothing new afterwards. */
    public void dispose() {
        disposed = true;
        subscription.close();
        background.shutdownNow();
    }

    // ---- Off the UI thread ----

    private void seed(String group) {
        try {
            long now = System.currentTimeMillis();
            List<LagSample> stored = service.storedSince(group, now - SEED_SPAN.toMillis());
            charts.seed(group, stored, gapMillis());
        } catch (RuntimeException e) {
            log.warn("Could not read the stored lag history of {}; the charts start from now", group, e);
        }
        LagRefresh latest = service.latest();
        if (latest != null) {
            publish(latest);
        }
    }

    /** Samples further apart than this were not taken in one run: the chart shows a gap between them. */
    private double gapMillis() {
        return 3.0 * service.refreshInterval().toMillis() + 2_000;
    }

    /** On the refresh thread (or the history thread): chart data now, the rest coalesced into one drain. */
    private void publish(LagRefresh refresh) {
        if (disposed) {
            return;
        }
        LagChartSeries.Lines lines = charts.write(refresh, service.history(), gapMillis());
        List<GroupSummary> ranked = GroupOrder.worstFirst(refresh.groups()).stream()
                .map(g -> GroupSummary.of(g, refresh.stale())).toList(); // sorted here: not the UI thread's work
        updates.offer(new Update(refresh, ranked, service.hotKeys(), service.storageProblem(), lines));
    }

    // ---- On the UI thread ----

    private void apply(Update u) {
        if (disposed) {
            return;
        }
        LagRefresh r = u.refresh();
        if (shown != null && r.atMillis() < shown.atMillis()) {
            return; // a republished older refresh lost the race to a newer one
        }
        shown = r;
        lastRefreshAt.set(r.readAtMillis());
        ranked = u.ranked();
        showGroups();
        staleSince.set(r.stale() ? clock(r.readAtMillis()) : null);
        connectionBanner.set(r.connected() ? null : banner(r));
        storageProblem.set(u.storageProblem());
        List<Alert> newest = r.alerts().size() > MAX_ALERTS ? r.alerts().subList(0, MAX_ALERTS) : r.alerts();
        if (!alerts.equals(newest)) {
            alerts.setAll(newest);
        }
        if (!userChose && r.connected()) {
            String urgent = GroupOrder.toShow(selectedGroup.get(), r.groups()); // the group most in need of a look
            if (!Objects.equals(urgent, selectedGroup.get())) {
                show(urgent);
            }
        }
        allHotKeys = u.hotKeys();
        showHotKeys();
        showSelected();
        if (Objects.equals(u.lines().group(), selectedGroup.get()) && u.lines().selection() == charts.selection()) {
            if (!chartLines.equals(u.lines().lines())) {
                chartLines.setAll(u.lines().lines());
            }
            partitionsInGroup.set(u.lines().partitionsInGroup());
        }
    }

    /** The ranked groups that match the search, in place, and their count. */
    private void showGroups() {
        String filter = groupFilter.get().toLowerCase(Locale.ROOT);
        List<GroupSummary> matching = filter.isEmpty() ? ranked : ranked.stream()
                .filter(g -> g.groupId().toLowerCase(Locale.ROOT).contains(filter)).toList();
        applying = true;
        try {
            InPlace.update(groups, matching, GroupSummary::groupId);
        } finally {
            applying = false;
        }
        String all = LagFormat.count(ranked.size()) + (ranked.size() == 1 ? " group" : " groups");
        groupCount.set(shown == null ? "" : filter.isEmpty() ? all : LagFormat.count(matching.size()) + " of " + all);
    }

    private static String banner(LagRefresh r) {
        String why = r.error().endsWith(".") ? r.error().substring(0, r.error().length() - 1) : r.error();
        if (!r.stale()) {
            return "Disconnected: " + why + ". Nothing read yet; reconnecting by itself.";
        }
        return "Stale since " + clock(r.readAtMillis()) + ": " + why + ". The values shown were read then; rates are"
                + " not shown until the cluster answers again. Reconnecting by itself.";
    }

    private static String clock(long epochMillis) {
        return CLOCK.format(Instant.ofEpochMilli(epochMillis));
    }

    private void showSelected() {
        String id = selectedGroup.get();
        GroupLag g = shown == null || id == null ? null
                : shown.groups().stream().filter(x -> x.groupId().equals(id)).findFirst().orElse(null);
        if (g == null) {
            partitionRows.clear();
            selectedStatus.set(null);
            statusReason.set(id == null ? null : "The group " + id + " is not in the latest refresh.");
            return;
        }
        InPlace.update(partitionRows, g.partitions(), PartitionLag::id);
        selectedStatus.set(g.status());
        // the status was judged when the values were read; while they are stale it is only what was true then
        statusReason.set(shown.stale() ? "Stale since " + clock(shown.readAtMillis()) + "; when last read: "
                + g.statusReason() : g.statusReason());
    }

    private void showHotKeys() {
        String id = selectedGroup.get();
        List<HotKeyReport> wanted = allHotKeys;
        if (id != null && shown != null) {
            Set<String> topics = shown.groups().stream().filter(g -> g.groupId().equals(id))
                    .flatMap(g -> g.partitions().stream()).map(p -> p.id().topic()).collect(Collectors.toSet());
            wanted = allHotKeys.stream().filter(h -> topics.contains(h.topic())).toList();
        }
        if (!hotKeys.equals(wanted)) {
            hotKeys.setAll(wanted);
        }
    }
}
