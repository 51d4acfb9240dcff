package dev.highwater.core.lag;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Watches a cluster's groups: every refresh interval it reads offsets, computes lag, keeps the alerts and the
 * chart series of the groups a person opened ({@link #openGroup}), and tells its listeners; every few seconds it
 * samples the keys of the topics that matter most (see {@link HotKeyScope}), for hot keys; history goes to the
 * store on a thread of its own, within a budget (see {@link HistoryBudget}), so storage never delays a refresh.
 * What it keeps in memory follows what can be shown, not the cluster's size. Listeners are called on the refresh
 * thread: a UI hands the result to its own thread, coalesced.
 */
public final class LagService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LagService.class);
    static final Duration HOT_KEY_INTERVAL = Duration.ofSeconds(10);
    static final int KEYS_PER_PARTITION = 500;
    static final Duration HISTORY_KEPT = Duration.ofHours(24);
    static final Duration PRUNE_INTERVAL = Duration.ofMinutes(10);
    static final Duration STORE_EVERY = Duration.ofSeconds(5);

    private final OffsetsSource source;
    private final KeySampleSource keys;
    private final LagHistoryStore store;
    private final String cluster;
    private final LagSettings settings;
    private final Clock clock;
    private final LagMonitor monitor;
    private final LagHistory history;
    private final HistoryBudget budget = new HistoryBudget(); // on the storage thread
    private volatile HotKeySampler hotKeys;
    private final List<Consumer<LagRefresh>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService refresher;
    private final ExecutorService storage;
    private final ExecutorService sampling;
    private final AtomicBoolean sampleRunning = new AtomicBoolean();
    private volatile Set<String> selected = Set.of();
    private volatile LagRefresh latest;
    /** Whose history is kept and read: the cluster id of the last connected refresh; null before the first. */
    private volatile String identity;
    private volatile List<HotKeyReport> latestHotKeys = List.of();
    private volatile String storageProblem;
    private Long lastHotKeySample; // null until the first: "now minus never" must not overflow
    private Long lastPrune;
    private final List<LagHistoryStore.Kept> pending = new ArrayList<>(); // storage thread only
    private long pendingSince; // storage thread only
    private String pendingCluster; // storage thread only
    private boolean partial; // storage thread only: some group was ever left out per partition
    private volatile Duration refreshInterval;
    private volatile boolean closed;
    // guarded by 'this' of the schedule: a new interval starts a new chain and ends the old one
    private final Object schedule = new Object();
    private boolean started;
    private long chain;
    private ScheduledFuture<?> nextRefresh;

    /**
     * @param store   where history outlives the process (closed with this service); null for memory only
     * @param cluster the cluster's name (its bootstrap servers); history is stored under the source's
     *                {@link OffsetsSource#clusterId() cluster id}, under this name only for a source without one
     */
    public LagService(OffsetsSource source, KeySampleSource keys, LagHistoryStore store, String cluster,
                      LagSettings settings, Clock clock) {
        this(source, keys, store, cluster, settings, clock,
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("lag-refresh")));
    }

    /**
     * As the public constructor, with the scheduler the refreshes run on (shut down by {@link #close()}): a test
     * hands in one it advances by hand, so the schedule is checked without waiting for real time to pass.
     */
    LagService(OffsetsSource source, KeySampleSource keys, LagHistoryStore store, String cluster,
               LagSettings settings, Clock clock, ScheduledExecutorService refresher) {
        this.source = source;
        this.keys = keys;
        this.store = store;
        this.cluster = cluster;
        this.settings = settings;
        this.clock = clock;
        this.monitor = new LagMonitor(settings);
        this.history = new LagHistory(settings);
        this.hotKeys = new HotKeySampler(settings);
        this.refresher = refresher;
        this.storage = Executors.newSingleThreadExecutor(DaemonThreads.named("lag-history-store"));
        this.sampling = Executors.newSingleThreadExecutor(DaemonThreads.named("hot-key-sampler"));
        this.refreshInterval = settings.refreshInterval();
    }

    /** Starts refreshing every {@link #refreshInterval()} (at first {@link LagSettings#refreshInterval()}). */
    public void start() {
        synchronized (schedule) {
            started = true;
            scheduleNext(chain, 0);
        }
    }

    /**
     * Refreshes at this interval from now on: the next refresh comes one new interval from now, so going from
     * a minute to a second takes effect at once rather than after the minute.
     */
    public void setRefreshInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the refresh interval must be positive: " + interval);
        }
        synchronized (schedule) {
            refreshInterval = interval;
            if (started) {
                chain++; // a refresh already running finishes, but does not schedule another
                if (nextRefresh != null) {
                    nextRefresh.cancel(false);
                }
                scheduleNext(chain, interval.toMillis());
            }
        }
    }

    public Duration refreshInterval() {
        return refreshInterval;
    }

    private void scheduleNext(long ofChain, long delayMillis) {
        try {
            nextRefresh = refresher.schedule(() -> tick(ofChain), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: no more refreshes is what closing means
        }
    }

    private void tick(long ofChain) {
        refreshSafely();
        synchronized (schedule) {
            if (ofChain == chain) {
                scheduleNext(ofChain, refreshInterval.toMillis());
            }
        }
    }

    /** Watches these groups from the next refresh on; empty watches every group. */
    public void select(Set<String> groups) {
        selected = Set.copyOf(groups);
    }

    /**
     * A person opened this group: from the next refresh on its chart series are kept in memory (with those of
     * the few groups opened before it, see {@link LagHistory}), its partitions are stored at every refresh, and
     * its topics are the first sampled for hot keys. Its past comes from {@link #storedSince}.
     */
    public void openGroup(String group) {
        history.open(group);
    }

    public Subscription subscribe(Consumer<LagRefresh> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** One refresh now, on the caller's thread (for a command line); not to be mixed with {@link #start()}. */
    public synchronized LagRefresh refresh() {
        long now = clock.millis();
        LagRefresh refresh = monitor.update(source.read(selected));
        String of = identity;
        if (refresh.connected()) {
            String id = source.clusterId();
            of = id == null ? cluster : id;
            if (identity != null && !identity.equals(of)) {
                history.clear(); // another cluster answers at this address now: its past is not the old one's
            }
            identity = of;
        }
        history.record(refresh);
        latest = refresh;
        if (closed) {
            return refresh; // a refresh that was reading when the service closed: its helpers are gone
        }
        // one sample at a time: on a large cluster a sample can outlast the interval, and samples queued behind it
        // would only pile up, each older than the next
        if (refresh.connected() && due(lastHotKeySample, now, HOT_KEY_INTERVAL)
                && sampleRunning.compareAndSet(false, true)) {
            lastHotKeySample = now;
            handOver(sampling, () -> sampleHotKeys(refresh)); // reading records must not delay the refresh
        }
        if (store != null && of != null) {
            String keptAs = of;
            handOver(storage, () -> keep(keptAs, refresh, now));
        }
        for (Consumer<LagRefresh> l : listeners) {
            l.accept(refresh);
        }
        return refresh;
    }

    /** Runs a task on a helper thread; when the service closed meanwhile, the task is not needed any more. */
    private void handOver(ExecutorService helper, Runnable task) {
        try {
            helper.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw e;
            }
        }
    }

    private static boolean due(Long last, long now, Duration interval) {
        return last == null || now - last >= interval.toMillis();
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // a refresh that fails for a reason the source did not foresee must not end the schedule
            log.warn("A lag refresh failed", e);
        }
    }

    private void sampleHotKeys(LagRefresh refresh) {
        try {
            sampleHotKeysOf(refresh);
        } catch (RuntimeException e) {
            log.warn("Sampling keys for hot keys failed", e);
        } finally {
            sampleRunning.set(false);
        }
    }

    private void sampleHotKeysOf(LagRefresh refresh) {
        HotKeySampler fresh = new HotKeySampler(settings); // each sample stands for now, not for all time
        for (HotKeyScope.Topic topic : HotKeyScope.of(refresh, history.opened(), KEYS_PER_PARTITION)) {
            for (KeySampleSource.SampledKey k : keys.sample(topic.name(), topic.perPartition())) {
                fresh.record(k.topic(), k.partition(), k.key());
            }
        }
        hotKeys = fresh;
        latestHotKeys = fresh.reports(10);
    }

    /**
     * On the storage thread: adds the refresh to those waiting and writes them once the oldest has waited
     * {@link #STORE_EVERY} (or another cluster answers): one write every few seconds costs the store far less
     * than one a second. Whoever reads stored history first has what waits written.
     */
    private void keep(String clusterId, LagRefresh refresh, long now) {
        try {
            if (!clusterId.equals(pendingCluster)) {
                flush();
            }
            HistoryBudget.Plan plan = budget.plan(refresh, history.opened());
            if (pending.isEmpty()) {
                pendingSince = now;
                pendingCluster = clusterId;
            }
            pending.add(new LagHistoryStore.Kept(plan.refresh(), plan.withPartitions()));
            partial |= plan.partial();
            if (closed || now - pendingSince >= STORE_EVERY.toMillis()) {
                flush();
            }
            if (due(lastPrune, now, PRUNE_INTERVAL)) {
                lastPrune = now;
                store.pruneBefore(now - HISTORY_KEPT.toMillis(),
                        now - (partial ? HistoryBudget.PARTITIONS_KEPT : HISTORY_KEPT).toMillis());
            }
            storageProblem = null;
        } catch (RuntimeException e) {
            storageProblem = "Lag history is not being kept: " + e.getMessage();
        }
    }

    /** On the storage thread: writes the refreshes waiting. */
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<LagHistoryStore.Kept> batch = List.copyOf(pending);
        pending.clear();
        store.append(pendingCluster, batch);
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            storageProblem = "Lag history is not being kept: " + e.getMessage();
        }
    }

    /** Writes what waits to be stored, so that a read sees every refresh kept so far; not on the storage thread. */
    private void flushBeforeReading() {
        try {
            storage.submit(this::flushSafely).get(30, TimeUnit.SECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            // closing (what waited was written on the way), or the store is stuck: read what it has
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The newest refresh, or null before the first. */
    public LagRefresh latest() {
        return latest;
    }

    public List<HotKeyReport> hotKeys() {
        return latestHotKeys;
    }

    /** Top keys of one partition from the latest sample. */
    public List<HotKeyReport.KeyShare> hotKeys(PartitionId partition, int topN) {
        return hotKeys.topKeys(partition, topN);
    }

    public LagHistory history() {
        return history;
    }

    /**
     * Stored samples of a group of the cluster now answering since an instant (the past hour after a restart);
     * empty without a store or before the cluster first answered.
     */
    public List<LagSample> storedSince(String group, long fromMillis) {
        String of = identity;
        if (store == null || of == null) {
            return List.of();
        }
        flushBeforeReading();
        return store.since(of, group, fromMillis);
    }

    /** As {@link #storedSince}, the group's totals only. */
    public List<LagSample> storedTotalsSince(String group, long fromMillis) {
        String of = identity;
        if (store == null || of == null) {
            return List.of();
        }
        flushBeforeReading();
        return store.totalsSince(of, group, fromMillis);
    }

    /** Says why there is no store at all (its file held by another instance, say), for {@link #storageProblem()}. */
    public void storageUnavailable(String why) {
        storageProblem = "Lag history is not being kept: " + why;
    }

    /** Why history is not being stored, or null when it is. */
    public String storageProblem() {
        return storageProblem;
    }

    public Set<String> groups() {
        return source.groups();
    }

    public String cluster() {
        return cluster;
    }

    /** The id the cluster's history is kept under (its cluster id), null before the cluster first answered. */
    public String clusterId() {
        return identity;
    }

    @Override
    public void close() {
        closed = true;
        refresher.shutdownNow();
        sampling.shutdownNow();
        handOver(storage, this::flushSafely); // after the refresher stopped: nothing is added behind it
        storage.shutdown();
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS);
            storage.awaitTermination(5, TimeUnit.SECONDS);
            sampling.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
        keys.close();
        if (store != null) {
            store.close();
        }
    }
}
