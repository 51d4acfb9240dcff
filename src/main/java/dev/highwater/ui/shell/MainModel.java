package dev.highwater.ui.shell;

import dev.highwater.app.Composition;
import dev.highwater.core.BackendStartException;
import dev.highwater.core.Subscription;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.registry.SharedSchemaRegistry;
import dev.highwater.core.grpc.GrpcProbe;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.lag.LagService;
import dev.highwater.core.notify.AlertForwarder;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.ClusterCheck;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.demo.DemoStatus;
import dev.highwater.core.demo.RunningDemo;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.connect.ProfilesModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The main window's state: which area is shown, what the console is connected to (the embedded demo or a
 * user's cluster) and how that connection is doing. Starting, stopping and probing run on the background
 * tasks; results reach the UI thread coalesced.
 */
public final class MainModel {

    private static final Logger log = LoggerFactory.getLogger(MainModel.class);

    private static final Duration DEMO_STATUS_EVERY = Duration.ofSeconds(1);
    private static final Duration CLUSTER_PROBE_EVERY = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than a probe and a lag watcher's start take together: reached only when something hangs. */
    static final Duration ATTEMPT_LIMIT = Duration.ofSeconds(30);
    /** A first contact has TLS and SASL handshakes to make besides the metadata; on a busy machine they take time. */
    private static final Duration FIRST_PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final Composition app;
    private final UiThread ui;
    private final Coalescer<ConnectionStatus> statusUpdates;
    private final AlertForwarder alerts;

    // Properties
    private final ReadOnlyObjectWrapper<Area> area = new ReadOnlyObjectWrapper<>(Area.PARTITIONS);
    private final ReadOnlyObjectWrapper<ConnectionStatus> connection =
            new ReadOnlyObjectWrapper<>(ConnectionStatus.none(""));
    private final ReadOnlyStringWrapper startFailure = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<LiveConnection> live = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper connecting = new ReadOnlyStringWrapper("");
    private final BooleanProperty demoSchemaRegistry = new SimpleBooleanProperty(); // off: the light demo
    private ConnectionAttempt attempt; // the one the UI shows as under way; UI thread
    private ProfilesModel profiles; // UI thread

    // Owned by the background tasks (one connection at a time; guarded by this)
    private RunningDemo demo;
    private LagService lag;
    private SharedSchemaRegistry registry; // the connection's, when its profile has one
    private Subscription polling;
    private DemoOptions lastDemoOptions = DemoOptions.defaults();
    private volatile boolean demoWritable; // every profile starts read-only, the demo's too

    public MainModel(Composition app, UiThread ui) {
        this.app = app;
        this.ui = ui;
        this.statusUpdates = new Coalescer<>(ui, connection::set);
        this.alerts = new AlertForwarder(app.adapters().alertChannels(), SecretResolver.system(), Clock.systemUTC());
    }

    // ---- Properties

    public ReadOnlyObjectProperty<Area> areaProperty() {
        return area.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionStatus> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** The demo's start failure in one line (a dialog shows it), null otherwise. */
    public ReadOnlyStringProperty startFailureProperty() {
        return startFailure.getReadOnlyProperty();
    }

    /**
     * Why the last connection attempt did not start, kept until the next attempt: the status line itself goes on
     * reporting the connection still in place, so it cannot hold the sentence.
     */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** "Connecting to Staging (broker1:9093)…" while an attempt is under way, empty otherwise. */
    public ReadOnlyStringProperty connectingProperty() {
        return connecting.getReadOnlyProperty();
    }

    /** Starting or stopping the demo, or closing, is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The current connection, for the areas' screens; null while there is none. */
    public ReadOnlyObjectProperty<LiveConnection> liveConnectionProperty() {
        return live.getReadOnlyProperty();
    }

    /** Whether the demo, when next started from the console, also runs a schema registry and its topics. */
    public BooleanProperty demoSchemaRegistryProperty() {
        return demoSchemaRegistry;
    }

    public String version() {
        return app.version();
    }

    /** Sends the connection's alerts out of the app (its profile's webhook, desktop notifications). */
    public AlertForwarder alerts() {
        return alerts;
    }

    /** The user's profiles and the connections dialog's form: made on first use, kept so typed passwords last while the app runs. */
    public ProfilesModel profiles() {
        if (profiles == null) {
            profiles = new ProfilesModel(app.profiles(), demoProfile(), app.tasks()::run, ui,
                    p -> alerts.test(p, p.bootstrap()));
        }
        return profiles;
    }

    /** The embedded demo's profile as it is now (the addresses it last started on, its writable choice). */
    public ConnectionProfile demoProfile() {
        DemoOptions o = lastDemoOptions;
        LiveConnection c = live.get();
        if (c != null && c.demo()) {
            return c.profile();
        }
        return ConnectionProfile.demo("127.0.0.1:" + (o.kafkaPort() == 0 ? "(free port)" : o.kafkaPort()),
                "127.0.0.1:" + (o.grpcPort() == 0 ? "(free port)" : o.grpcPort()), demoWritable);
    }

    // ---- Commands

    public void select(Area a) {
        area.set(a);
    }

    /** Starts the embedded demo (stopping whatever the console was connected to). */
    public void startDemo(DemoOptions options) {
        lastDemoOptions = options;
        endAttempt();
        begin(ConnectionStatus.starting());
        app.tasks().run(() -> {
            try {
                disconnect();
                RunningDemo started = app.demo().start(options,
                        step -> statusUpdates.offer(ConnectionStatus.starting(step)));
                synchronized (this) {
                    demo = started;
                }
                statusUpdates.offer(demoStatus(started));
                started.registryProblem().ifPresent(problem -> ui.post(() -> notice.set(
                        "The demo runs without a schema registry: " + problem)));
                ConnectionProfile profile = ConnectionProfile.demo(started.kafkaBootstrap(), started.grpcTarget(),
                        demoWritable);
                LiveConnection c = watch(ClientSettings.of(started.kafkaBootstrap()), started.grpcTarget(),
                        started.registryUrl().map(url -> profile.withRegistry(RegistrySettings.of(url))).orElse(profile));
                synchronized (this) {
                    lag = c.lag();
                    registry = c.registry();
                    polling = app.tasks().every(DEMO_STATUS_EVERY, () -> statusUpdates.offer(demoStatus(started)));
                }
                ui.post(() -> live.set(c));
            } catch (BackendStartException e) {
                failed(e.getMessage());
            } catch (RuntimeException e) {
                failed("The embedded demo failed to start: " + e.getMessage());
            } finally {
                ui.post(() -> busy.set(false)); // whatever happened, the buttons come back
            }
        });
    }

    /**
     * The demo again, as it was last started (on the same ports, free ones if those were taken), with or
     * without a schema registry as {@link #demoSchemaRegistryProperty()} says now.
     */
    public void restartDemo() {
        startDemo(lastDemoOptions.withSchemaRegistry(demoSchemaRegistry.get()));
    }

    /** After a start failure: the same demo on ports the system picks. */
    public void startDemoOnFreePorts() {
        startDemo(lastDemoOptions.withPorts(0, 0));
    }

    /**
     * Connects to a profile: the embedded demo (started again, with the profile's writable choice) or a user's
     * cluster. A cluster is asked first (bootstrap, metadata, authentication, TLS) within a bounded time while the
     * current connection goes on running and showing its data; only a cluster that answered replaces it. A failed
     * attempt says why in {@link #noticeProperty()}; nothing is stopped and no control is held.
     */
    public void connectTo(ConnectionProfile profile) {
        if (profile.demo()) {
            demoWritable = profile.writable();
            startDemo(lastDemoOptions.withSchemaRegistry(demoSchemaRegistry.get()));
            return;
        }
        ConnectionAttempt a = new ConnectionAttempt(profile);
        endAttempt(); // the newer choice wins
        attempt = a;
        notice.set("");
        connecting.set("Connecting to " + a.describe() + "…");
        app.tasks().run(() -> tryToConnect(a));
        // the last word, should a step ever outlast its own time limit: the UI is never left waiting
        CompletableFuture.delayedExecutor(ATTEMPT_LIMIT.toMillis(), TimeUnit.MILLISECONDS, ui::post).execute(() -> {
            if (a.end()) {
                attemptFailed(a, "no answer within " + ATTEMPT_LIMIT.toSeconds() + " s; check the address and the"
                        + " network.");
            }
        });
    }

    /** Gives up the connection attempt under way; the current connection stays as it is. */
    public void cancelConnecting() {
        ConnectionAttempt a = attempt;
        if (a != null && a.end()) {
            attempt = null;
            connecting.set("");
            notice.set("Stopped connecting to " + a.profile().name() + ".");
        }
    }

    /** Stops everything on a background thread, then runs {@code done} on the UI thread. */
    public void shutdown(Runnable done) {
        endAttempt();
        begin(ConnectionStatus.stopping());
        app.tasks().run(() -> {
            disconnect();
            alerts.close();
            ui.post(() -> {
                connection.set(ConnectionStatus.none("Stopped."));
                busy.set(false);
                done.run();
            });
        });
    }

    /** Stops everything on the calling thread (for the JVM's shutdown on a signal, when no UI is left to tell). */
    public void closeNow() {
        disconnect();
        alerts.close();
    }

    // ---- Internals

    private void begin(ConnectionStatus status) {
        startFailure.set(null);
        notice.set("");
        busy.set(true);
        connection.set(status);
    }

    private void failed(String message) {
        ui.post(() -> {
            busy.set(false);
            connection.set(ConnectionStatus.none(message));
            startFailure.set(message);
        });
    }

    /** Starts a lag watcher for the settings; on a background thread. */
    private LiveConnection watch(ClientSettings settings, String grpcTarget, ConnectionProfile profile) {
        RegistrySettings r = profile.registry();
        SharedSchemaRegistry schemas = r.present() ? new SharedSchemaRegistry(
                () -> app.adapters().registries().open(r, SecretResolver.system()), r.urlsText()) : null;
        LagService watcher = app.lag().start(settings);
        alerts.watch(profile, settings.bootstrapServers(), watcher); // ends with the watcher
        return new LiveConnection(settings, grpcTarget, watcher, profile, schemas);
    }

    /** Ends the attempt the UI shows as under way, if any, without a word (a newer choice replaces it). */
    private void endAttempt() {
        ConnectionAttempt a = attempt;
        attempt = null;
        connecting.set("");
        if (a != null) {
            a.end();
        }
    }

    /** On the UI thread, for the attempt that ended by failing. */
    private void attemptFailed(ConnectionAttempt a, String why) {
        if (attempt == a) {
            attempt = null;
            connecting.set("");
        }
        notice.set("Not connected to " + a.profile().name() + ": " + why);
    }

    /** On a background thread: asks the cluster, and replaces the current connection only if it answered. */
    private void tryToConnect(ConnectionAttempt a) {
        String failure;
        try {
            failure = connect(a);
        } catch (RuntimeException e) {
            log.warn("Connecting to {} failed", a.describe(), e); // the stack trace once, in the log
            failure = "the connection could not be set up (" + e.getMessage() + ").";
        }
        String why = failure;
        if (why != null && a.end()) {
            ui.post(() -> attemptFailed(a, why));
        }
    }

    /** Why the attempt failed, or null when it replaced the connection or was ended by someone else. */
    private String connect(ConnectionAttempt a) {
        ConnectionProfile profile = a.profile();
        String grpcTarget = profile.grpcTarget().isEmpty() ? null : profile.grpcTarget();
        ClientSettings settings;
        try {
            settings = ClientSettings.of(profile, SecretResolver.system()); // reads secret files: off the UI thread
        } catch (ConnectionSettingsException e) {
            return e.getMessage();
        }
        ProbeAnswers answers = ProbeAnswers.ask(app.adapters().probe(), app.grpc(), profile, settings, grpcTarget,
                FIRST_PROBE_TIMEOUT);
        if (!answers.kafka().reachable()) {
            return answers.kafka().problem();
        }
        ConnectionStatus answered = answers.status(profile.name(), settings, grpcTarget);
        if (a.ended()) {
            return null;
        }
        LiveConnection c = watch(settings, grpcTarget, profile);
        ClusterCheck check = app.adapters().probe();
        GrpcProbe grpc = app.grpc();
        Runnable probe = () -> statusUpdates.offer(probe(check, grpc, profile, settings, grpcTarget));
        Parts old;
        synchronized (this) {
            if (!a.end()) {
                old = null;
            } else {
                old = new Parts(demo, lag, registry, polling);
                demo = null;
                lag = c.lag();
                registry = c.registry();
                polling = app.tasks().every(CLUSTER_PROBE_EVERY, probe);
            }
        }
        if (old == null) { // cancelled, timed out or replaced while the watcher started
            c.lag().close();
            if (c.registry() != null) {
                c.registry().close();
            }
            return null;
        }
        if (old.polling() != null) {
            old.polling().close(); // first, so the old connection's status no longer overwrites the new one's
        }
        statusUpdates.offer(answered);
        ui.post(() -> {
            if (attempt == a) {
                attempt = null;
                connecting.set("");
            }
            live.set(c); // builds the shown area's screen for the new connection
        });
        old.close();
        return null;
    }

    /** What one connection runs, to be closed together. */
    private record Parts(RunningDemo demo, LagService lag, SharedSchemaRegistry registry, Subscription polling) {
        void close() {
            if (polling != null) {
                polling.close();
            }
            if (lag != null) {
                lag.close();
            }
            if (registry != null) {
                registry.close();
            }
            if (demo != null) {
                demo.close();
            }
        }
    }

    /** Closes the current connection's parts; on a background thread. */
    private void disconnect() {
        Parts old;
        synchronized (this) {
            old = new Parts(demo, lag, registry, polling);
            demo = null;
            lag = null;
            registry = null;
            polling = null;
        }
        if (old.lag() != null) {
            ui.post(() -> live.set(null));
        }
        old.close();
    }

    static ConnectionStatus demoStatus(RunningDemo d) {
        DemoStatus s = d.status();
        String detail = LagFormat.count(s.targetRate()) + " tx/s asked · " + LagFormat.count(Math.round(s.ingestRate()))
                + " tx/s ingested · " + LagFormat.count(s.ingested()) + " in all"
                + (s.failed() > 0 ? " · " + LagFormat.count(s.failed()) + " failed" : "")
                + (s.blockHeight() >= 0 ? " · block #" + LagFormat.count(s.blockHeight()) : "")
                + d.registryUrl().map(url -> " · schema registry " + url).orElse("");
        return new ConnectionStatus("Embedded demo", s.kafkaBootstrap(), s.grpcTarget(), s.brokerUp(), s.grpcUp(),
                detail);
    }

    static ConnectionStatus probe(ClusterCheck check, GrpcProbe grpc, ConnectionProfile profile,
                                  ClientSettings settings, String grpcTarget) {
        return ProbeAnswers.ask(check, grpc, profile, settings, grpcTarget, PROBE_TIMEOUT)
                .status(profile.name(), settings, grpcTarget);
    }
}
