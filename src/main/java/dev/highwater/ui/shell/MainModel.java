package dev.highwater.ui.shell;

import dev.highwater.app.Composition;
import dev.highwater.core.Subscription;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.connect.ProfileRepository;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.lag.LagService;
import dev.highwater.demo.DemoBackends;
import dev.highwater.demo.DemoOptions;
import dev.highwater.demo.DemoStatus;
import dev.highwater.grpc.TargetProbe;
import dev.highwater.grpc.workbench.ChannelSettings;
import dev.highwater.kafka.BackendStartException;
import dev.highwater.kafka.ClientSettings;
import dev.highwater.kafka.ClusterProbe;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The main window's state: which area is shown, what the console is connected to (the embedded demo or a
 * user's cluster) and how that connection is doing. Starting, stopping and probing run on the background
 * tasks; results reach the UI thread coalesced.
 */
public final class MainModel {

    private static final Duration DEMO_STATUS_EVERY = Duration.ofSeconds(1);
    private static final Duration CLUSTER_PROBE_EVERY = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Composition app;
    private final UiThread ui;
    private final Coalescer<ConnectionStatus> statusUpdates;

    // Properties
    private final ReadOnlyObjectWrapper<Area> area = new ReadOnlyObjectWrapper<>(Area.PARTITIONS);
    private final ReadOnlyObjectWrapper<ConnectionStatus> connection =
            new ReadOnlyObjectWrapper<>(ConnectionStatus.none(""));
    private final ReadOnlyStringWrapper startFailure = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<LiveConnection> live = new ReadOnlyObjectWrapper<>();

    // Owned by the background tasks (one connection at a time; guarded by this)
    private DemoBackends demo;
    private LagService lag;
    private Subscription polling;
    private DemoOptions lastDemoOptions = DemoOptions.defaults();
    private volatile boolean demoWritable; // every profile starts read-only, the demo's too

    public MainModel(Composition app, UiThread ui) {
        this.app = app;
        this.ui = ui;
        this.statusUpdates = new Coalescer<>(ui, connection::set);
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

    /** Starting or stopping is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The current connection, for the areas' screens; null while there is none. */
    public ReadOnlyObjectProperty<LiveConnection> liveConnectionProperty() {
        return live.getReadOnlyProperty();
    }

    public String version() {
        return app.version();
    }

    /** Where the user's profiles are kept. */
    public ProfileRepository profileRepository() {
        return app.profiles();
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
        begin(ConnectionStatus.starting());
        app.tasks().run(() -> {
            disconnect();
            try {
                DemoBackends started = app.demo().start(options,
                        step -> statusUpdates.offer(ConnectionStatus.starting(step)));
                synchronized (this) {
                    demo = started;
                }
                statusUpdates.offer(demoStatus(started));
                watch(ClientSettings.of(started.kafkaBootstrap()), started.grpcTarget(),
                        ConnectionProfile.demo(started.kafkaBootstrap(), started.grpcTarget(), demoWritable));
                synchronized (this) {
                    polling = app.tasks().every(DEMO_STATUS_EVERY, () -> statusUpdates.offer(demoStatus(started)));
                }
                ui.post(() -> busy.set(false));
            } catch (BackendStartException e) {
                failed(e.getMessage());
            } catch (RuntimeException e) {
                failed("The embedded demo failed to start: " + e.getMessage());
            }
        });
    }

    /** The demo again, as it was last started (on the same ports, free ones if those were taken). */
    public void restartDemo() {
        startDemo(lastDemoOptions);
    }

    /** After a start failure: the same demo on ports the system picks. */
    public void startDemoOnFreePorts() {
        startDemo(lastDemoOptions.withPorts(0, 0));
    }

    /**
     * Connects to a profile: the embedded demo (started again, with the profile's writable choice) or a user's
     * cluster (stopping the demo if it runs). Settings that cannot be used (an unset environment variable, a
     * missing store file) are said in the status bar and nothing is stopped.
     */
    public void connectTo(ConnectionProfile profile) {
        if (profile.demo()) {
            demoWritable = profile.writable();
            startDemo(lastDemoOptions);
            return;
        }
        String bootstrap = profile.bootstrap();
        String grpcTarget = profile.grpcTarget().isEmpty() ? null : profile.grpcTarget();
        begin(new ConnectionStatus("Connecting to " + profile.name() + "…", bootstrap, grpcTarget, null, null, ""));
        app.tasks().run(() -> {
            ClientSettings settings;
            try {
                settings = ClientSettings.of(profile, SecretResolver.system()); // reads secret files: off the UI thread
            } catch (ConnectionSettingsException e) {
                ui.post(() -> {
                    busy.set(false);
                    connection.set(new ConnectionStatus("Not connected to " + profile.name(), null, null, null,
                            null, e.getMessage()));
                    notice.set("Not connected to " + profile.name() + ": " + e.getMessage());
                });
                return;
            }
            disconnect();
            Runnable probe = () -> statusUpdates.offer(probe(profile, settings, grpcTarget));
            probe.run();
            watch(settings, grpcTarget, profile);
            synchronized (this) {
                polling = app.tasks().every(CLUSTER_PROBE_EVERY, probe);
            }
            ui.post(() -> busy.set(false));
        });
    }

    /** Stops everything on a background thread, then runs {@code done} on the UI thread. */
    public void shutdown(Runnable done) {
        begin(ConnectionStatus.stopping());
        app.tasks().run(() -> {
            disconnect();
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

    private void watch(ClientSettings settings, String grpcTarget, ConnectionProfile profile) {
        LagService started = app.lag().start(settings);
        synchronized (this) {
            lag = started;
        }
        LiveConnection c = new LiveConnection(settings, grpcTarget, started, profile);
        ui.post(() -> live.set(c));
    }

    /** Closes the current connection's parts; on a background thread. */
    private void disconnect() {
        DemoBackends d;
        LagService l;
        Subscription p;
        synchronized (this) {
            d = demo;
            l = lag;
            p = polling;
            demo = null;
            lag = null;
            polling = null;
        }
        if (p != null) {
            p.close();
        }
        if (l != null) {
            ui.post(() -> live.set(null));
            l.close();
        }
        if (d != null) {
            d.close();
        }
    }

    static ConnectionStatus demoStatus(DemoBackends d) {
        DemoStatus s = d.status();
        String detail = LagFormat.count(s.targetRate()) + " tx/s asked · " + LagFormat.count(Math.round(s.ingestRate()))
                + " tx/s ingested · " + LagFormat.count(s.ingested()) + " in all"
                + (s.failed() > 0 ? " · " + LagFormat.count(s.failed()) + " failed" : "")
                + (s.blockHeight() >= 0 ? " · block #" + LagFormat.count(s.blockHeight()) : "");
        return new ConnectionStatus("Embedded demo", s.kafkaBootstrap(), s.grpcTarget(), s.brokerUp(), s.grpcUp(),
                detail);
    }

    static ConnectionStatus probe(ConnectionProfile profile, ClientSettings settings, String grpcTarget) {
        String profileName = profile.name();
        String bootstrap = settings.bootstrapServers();
        // side by side, so a silent cluster and a silent backend are both said within the one timeout the
        // messages name, not one after the other
        CompletableFuture<TargetProbe.Result> grpcProbe = grpcTarget == null || grpcTarget.isBlank()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> TargetProbe.probe(ChannelSettings.of(grpcTarget,
                profile.grpcTls()), PROBE_TIMEOUT), task -> Thread.ofVirtual().name("grpc-probe").start(task));
        ClusterProbe.Result kafka = ClusterProbe.probe(settings, PROBE_TIMEOUT);
        TargetProbe.Result grpc = grpcProbe.join();
        StringBuilder detail = new StringBuilder(kafka.reachable()
                ? kafka.brokers() + " broker(s), cluster " + kafka.clusterId() : kafka.problem());
        if (grpc != null) {
            detail.append(" · ").append(grpc.reachable()
                    ? (grpc.services().isEmpty() ? "gRPC answers (no reflection)" : grpc.services().size() + " gRPC service(s)")
                    : grpc.problem());
        }
        return new ConnectionStatus(profileName, bootstrap, grpc == null ? null : grpcTarget, kafka.reachable(),
                grpc == null ? null : grpc.reachable(), detail.toString());
    }
}
