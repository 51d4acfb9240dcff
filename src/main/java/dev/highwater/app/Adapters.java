package dev.highwater.app;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.ClusterCheck;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.demo.DemoStarter;
import dev.highwater.core.demo.RunningDemo;
import dev.highwater.core.grpc.GrpcClients;
import dev.highwater.core.lag.LagHistoryStore;
import dev.highwater.core.lag.OffsetsSources;
import dev.highwater.core.notify.AlertChannels;
import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.LedgerSources;
import dev.highwater.core.ledger.SnapshotStore;
import dev.highwater.core.offsets.OffsetResets;
import dev.highwater.core.offsets.ResetHistory;
import dev.highwater.core.offsets.UndoableOffsetReset;
import dev.highwater.core.registry.SchemaRegistries;
import dev.highwater.core.report.ChartRenderer;
import dev.highwater.core.serve.LagEndpoints;
import dev.highwater.core.table.TableSnapshotStore;
import dev.highwater.core.tail.TailSources;
import dev.highwater.demo.DemoBackends;
import dev.highwater.demo.RegistryTraffic;
import dev.highwater.grpc.NettyGrpcClients;
import dev.highwater.kafka.ClusterProbe;
import dev.highwater.kafka.lag.KafkaOffsetsSource;
import dev.highwater.kafka.ledger.KafkaLedgerSource;
import dev.highwater.kafka.offsets.GroupOffsetReset;
import dev.highwater.kafka.tail.KafkaTailSource;
import dev.highwater.metrics.PrometheusEndpoint;
import dev.highwater.notify.NotifyChannels;
import dev.highwater.registry.HttpSchemaRegistries;
import dev.highwater.render.PngLineCharts;
import dev.highwater.store.H2LagHistoryStore;
import dev.highwater.store.H2SnapshotStore;
import dev.highwater.store.H2TableSnapshotStore;
import dev.highwater.store.ResetFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The implementations behind the ports the screens and commands use, chosen here and nowhere else: the front
 * ends ask these factories for a cluster's tail, offsets, ledger and so on, and never name an adapter.
 *
 * @param tails        a cluster's topics, read without a group
 * @param offsetResets a cluster's offset resets for a profile
 * @param ledgers      a cluster's ledger topics and the snapshots files
 * @param probe        asks a cluster who it is
 * @param offsets      a cluster's committed and end offsets
 * @param demo         starts the embedded demo
 * @param grpc         workbench sessions, the indexer's blocks, probes and reflection on gRPC targets
 * @param registries   a profile's schema registry, its schemas cached by id
 */
public record Adapters(TailSources tails, OffsetResets offsetResets, LedgerSources ledgers, ClusterCheck probe,
                       OffsetsSources offsets, DemoStarter demo, GrpcClients grpc,
                       SchemaRegistries registries) {

    /**
     * Kafka, H2, gRPC, the schema registry over HTTP and the embedded demo; offset resets keep their undo files in
     * the user's data folder (~/.highwater, or HIGHWATER_HOME).
     */
    public static Adapters real() {
        return real(AppLogging.dataFolder());
    }

    /**
     * As {@link #real()}, with every offset reset, before it is applied, saving the group's offsets to an undo file
     * in this data folder's reset history, and not applied when they cannot be saved: no front end can reset
     * offsets without a way back.
     */
    public static Adapters real(Path dataFolder) {
        OffsetResets undoable = (cluster, writable, profileName) -> new UndoableOffsetReset(
                new GroupOffsetReset(cluster, writable, profileName), resetsIn(dataFolder), cluster.bootstrapServers(),
                Clock.systemUTC());
        return new Adapters(KafkaTailSource::new, undoable, new LedgerSources() {
            @Override
            public LedgerSource reader(ClientSettings cluster) {
                return new KafkaLedgerSource(cluster);
            }

            @Override
            public SnapshotStore snapshots(Path file) {
                return H2SnapshotStore.open(file);
            }
        }, ClusterProbe::probe, cluster -> new KafkaOffsetsSource(cluster, Clock.systemUTC()), embeddedDemo(),
                new NettyGrpcClients(), new HttpSchemaRegistries());
    }

    /**
     * The resets executed from this app and their undo files, kept in the {@code resets} folder of a data folder
     * (~/.highwater, or HIGHWATER_HOME, for the console and the command line alike).
     */
    public ResetHistory resets(Path dataFolder) {
        return resetsIn(dataFolder);
    }

    private static ResetHistory resetsIn(Path dataFolder) {
        return new ResetFiles(dataFolder.resolve("resets"));
    }

    /**
     * The lag history the console keeps in a data folder (its {@code lag-history} file), opened to be read by a
     * command, or empty when there is none (so that reading makes no file); a file held by a running console is a
     * {@link dev.highwater.core.StoreException} that says so. The caller closes it.
     */
    public Optional<LagHistoryStore> lagHistory(Path dataFolder) {
        Path file = dataFolder.resolve("lag-history");
        if (!Files.isRegularFile(dataFolder.resolve("lag-history.mv.db"))) {
            return Optional.empty();
        }
        return Optional.of(H2LagHistoryStore.open(file));
    }

    /** Where the console's alerts go out: webhooks over HTTP and the system tray's notifications. */
    public AlertChannels alertChannels() {
        return new NotifyChannels();
    }

    /** The lag service's HTTP endpoint: /metrics for Prometheus (its client library's exposition) and /healthz. */
    public LagEndpoints lagEndpoints() {
        return PrometheusEndpoint::open;
    }

    /** Draws an incident report's charts as PNG images, without a display. */
    public ChartRenderer reportCharts() {
        return new PngLineCharts();
    }

    /**
     * Opens the file of keyed topics' states at their cuts (made if missing): a topic's state at an instant reads
     * its records through {@link #ledgers()}' reader and keeps its snapshots here. A {@link
     * dev.highwater.core.StoreException} when it cannot be opened.
     */
    public TableSnapshotStore tableSnapshots(Path file) {
        return H2TableSnapshotStore.open(file);
    }

    /** The snapshots file of keyed topics a path means: {@value H2TableSnapshotStore#FILE_NAME} in a folder. */
    public static Path tableSnapshotsFile(Path path) {
        return H2TableSnapshotStore.fileFor(path);
    }

    /**
     * Where the demo's (and the benchmarks') schema registry distribution is unpacked: once, with the app's other
     * files, and kept for next time.
     */
    public static Path registryCache() {
        return AppLogging.dataFolder().resolve("schema-registry");
    }

    /** The real embedded demo, with its steps; a start failure is its one line ({@link dev.highwater.core.BackendStartException}). */
    public static DemoStarter embeddedDemo() {
        RegistryTraffic.Settings registry = RegistryTraffic.Settings.defaults(registryCache());
        return new DemoStarter() {
            @Override
            public RunningDemo start(DemoOptions options) {
                return DemoBackends.start(options, step -> { }, registry);
            }

            @Override
            public RunningDemo start(DemoOptions options, Consumer<String> progress) {
                return DemoBackends.start(options, progress, registry);
            }
        };
    }
}
