package dev.highwater.demo;

import dev.highwater.core.demo.DemoStatus;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.demo.RunningDemo;
import dev.highwater.net.LocalPorts;
import dev.highwater.core.Closeables;
import dev.highwater.core.BackendStartException;
import dev.highwater.core.text.ErrorText;
import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.core.indexer.BlockIndex;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.ledger.BalanceTable;
import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.ledger.SnapshotStore;
import dev.highwater.grpc.IndexerServer;
import dev.highwater.grpc.IndexerSettings;
import dev.highwater.grpc.IndexerStats;
import dev.highwater.grpc.IngestTrafficClient;
import dev.highwater.kafka.DemoConsumerGroup;
import dev.highwater.kafka.DemoTopics;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.KafkaTransactionSink;
import dev.highwater.kafka.ledger.KafkaLedgerSource;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded demo: a real Kafka broker (KRaft) in this JVM, the gRPC indexer publishing to it, demo traffic
 * streamed through the indexer's {@code IngestTransactions}, and two consumer groups committing offsets as
 * real services do ({@value #PROCESSOR_GROUP}, whose hot partition falls behind, and {@value #PROJECTION_GROUP},
 * which keeps up).
 */
public final class DemoBackends implements RunningDemo {

    public static final String PROCESSOR_GROUP = "transaction-processor";
    public static final String PROJECTION_GROUP = "ledger-projection";
    public static final int PROCESSOR_MEMBERS = 3;
    /** Each partition's processing capacity, as a multiple of an evenly loaded partition's produce rate. */
    public static final double PROCESSOR_HEADROOM = 2.5;
    /**
     * Transactions the demo's indexer keeps for history and lookups: 50 s at the default rate, about 60 MB of
     * heap (some 600 bytes each, hash index included). The indexer's own default, a million, would hold about
     * 600 MB: more than the console's bounded heap has, beside the broker and the screens.
     */
    public static final long RETAINED_TRANSACTIONS = 100_000;
    static final int DEMO_ACCOUNTS = 1_000;
    static final BigDecimal OPENING_BALANCE = DemoTrafficGenerator.OPENING_BALANCE;
    static final BigDecimal HOT_SENDER_OPENING_BALANCE = DemoTrafficGenerator.HOT_SENDER_OPENING_BALANCE;

    /**
     * Where the schema registry's distribution is unpacked when the caller names no folder; the app names its
     * data folder.
     */
    static final Path DEFAULT_REGISTRY_CACHE = Path.of(System.getProperty("java.io.tmpdir"),
            "highwater-schema-registry");

    private final DemoOptions options;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final EmbeddedKafka kafka;
    private final IndexerServer indexer;
    private final IngestTrafficClient traffic;
    private SchemaRegistryServer registry; // set once, before the demo is handed out
    private String registryProblem;
    private volatile boolean closed;
    private volatile IndexerStats lastStats = new IndexerStats(0, 0, -1, 0);

    private DemoBackends(DemoOptions options, EmbeddedKafka kafka, IndexerServer indexer,
                         IngestTrafficClient traffic) {
        this.options = options;
        this.kafka = kafka;
        this.indexer = indexer;
        this.traffic = traffic;
    }

    /**
     * Starts everything and returns once both ports accept connections.
     *
     * @throws BackendStartException with one line a user can act on (a port in use, a data folder held by
     *                               another instance or not writable, a broker that fails to start)
     */
    public static DemoBackends start(DemoOptions options) {
        return start(options, step -> { });
    }

    /**
     * As {@link #start(DemoOptions)}, saying each step as it begins ("starting the Kafka broker", …), for a
     * screen to show what the wait is for.
     */
    public static DemoBackends start(DemoOptions options, Consumer<String> progress) {
        return start(options, progress, RegistryTraffic.Settings.defaults(DEFAULT_REGISTRY_CACHE));
    }

    /**
     * As {@link #start(DemoOptions, Consumer)}; with {@link DemoOptions#schemaRegistry()} on, the registry and
     * its traffic run as the settings say. A registry that cannot start does not stop the demo: it runs
     * without, and {@link #registryProblem()} says why.
     */
    public static DemoBackends start(DemoOptions options, Consumer<String> progress,
                                     RegistryTraffic.Settings registrySettings) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        // the registry is a JVM of its own that takes a while to come up: it starts beside the broker
        CompletableFuture<SchemaRegistryServer> registry = options.schemaRegistry()
                ? CompletableFuture.supplyAsync(() -> SchemaRegistryServer.start(
                        SchemaRegistryServer.Options.defaults(registrySettings.cacheFolder())),
                        task -> Thread.ofPlatform().daemon().name("start-schema-registry").start(task))
                : null;
        try {
            progress.accept(registry == null ? "starting the Kafka broker"
                    : "starting the Kafka broker and the schema registry");
            EmbeddedKafka kafka = EmbeddedKafka.start(options.kafkaPort(), options.dataDir());
            started.push(kafka);
            progress.accept("creating the demo topics");
            boolean freshLedger;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                freshLedger = DemoTopics.ensure(admin);
            }
            KafkaTransactionSink sink = new KafkaTransactionSink(kafka.bootstrapServers(), DemoTopics.TRANSACTIONS,
                    DemoTopics.PAYMENT_LEDGER, "highwater-demo-indexer");
            started.push(sink);
            DemoTrafficGenerator generator = new DemoTrafficGenerator(options.hotKeyShare(), DEMO_ACCOUNTS,
                    System.nanoTime());
            Map<String, BigDecimal> kept = Map.of();
            if (!freshLedger) {
                progress.accept("reading the balances of the kept ledger");
                kept = keptBalances(kafka.bootstrapServers());
            }
            if (!kept.isEmpty()) {
                generator.startFrom(kept);
            } else { // a new ledger, or one whose opening balances never got written: the generator's are those
                progress.accept("opening the demo accounts");
                openAccounts(sink, generator.accounts());
            }
            progress.accept("starting the demo consumer groups");
            started.push(new DemoConsumerGroup(kafka.bootstrapServers(), PROJECTION_GROUP, DemoTopics.PAYMENT_LEDGER,
                    1, 0));
            double perPartition = Math.max(20, PROCESSOR_HEADROOM * options.rate() / DemoTopics.PARTITIONS);
            started.push(new DemoConsumerGroup(kafka.bootstrapServers(), PROCESSOR_GROUP, DemoTopics.TRANSACTIONS,
                    PROCESSOR_MEMBERS, perPartition));
            progress.accept("starting the gRPC indexer service");
            IndexerServer indexer = IndexerServer.start(options.grpcPort(), sink, IndexerSettings.defaults()
                    .withRetention(BlockIndex.DEFAULT_RETAINED_BLOCKS, RETAINED_TRANSACTIONS));
            started.push(indexer);
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", indexer.port()).usePlaintext().build();
            started.push(() -> {
                channel.shutdownNow();
                channel.awaitTermination(2, TimeUnit.SECONDS);
            });
            IngestTrafficClient traffic = new IngestTrafficClient(channel, generator, options.rate());
            started.push(traffic);
            DemoBackends demo = new DemoBackends(options, kafka, indexer, traffic);
            if (registry != null) {
                progress.accept("waiting for the schema registry");
                demo.startRegistryTraffic(registry, started, progress, registrySettings);
            }
            demo.parts.addAll(started);
            progress.accept("starting the demo traffic");
            traffic.start(); // at rate 0 it idles until setRate
            return demo;
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.thenAccept(SchemaRegistryServer::close); // now, or once it has come up
            }
            started.forEach(Closeables::closeQuietly);
            throw e instanceof BackendStartException b ? b
                    : new BackendStartException("the demo failed to start: " + e.getMessage(), e);
        }
    }

    /** Joins the registry's start; what fails is said in {@link #registryProblem} and the demo goes on. */
    private void startRegistryTraffic(CompletableFuture<SchemaRegistryServer> starting, Deque<AutoCloseable> started,
                                      Consumer<String> progress, RegistryTraffic.Settings settings) {
        SchemaRegistryServer server;
        try {
            server = starting.join();
        } catch (CompletionException e) {
            registryProblem = e.getCause() instanceof BackendStartException b ? b.getMessage()
                    : "the schema registry did not start: " + ErrorText.oneLine(e.getCause());
            return;
        }
        started.push(server);
        try {
            progress.accept("registering the demo's schemas at " + server.url());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                DemoTopics.recreateRegistryTopics(admin);
            }
            started.push(RegistryTraffic.start(server, kafka.bootstrapServers(), settings));
            registry = server;
        } catch (RuntimeException e) {
            started.pop();
            server.close();
            registryProblem = "the demo's schemas could not be set up in the schema registry: "
                    + ErrorText.rootMessage(e);
        }
    }

    private static void openAccounts(KafkaTransactionSink sink, List<String> accounts) {
        long now = System.currentTimeMillis();
        List<LedgerEvent> opening = new ArrayList<>();
        opening.add(new LedgerEvent("opening:" + DemoTrafficGenerator.HOT_SENDER, DemoTrafficGenerator.HOT_SENDER,
                LedgerEvent.Type.ACCOUNT_CREDITED, HOT_SENDER_OPENING_BALANCE, "opening balance", now));
        for (String account : accounts) {
            opening.add(new LedgerEvent("opening:" + account, account, LedgerEvent.Type.ACCOUNT_CREDITED,
                    OPENING_BALANCE, "opening balance", now));
        }
        try {
            sink.publishEvents(opening).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BackendStartException("cannot write the demo's opening balances: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendStartException("interrupted while writing the demo's opening balances", e);
        }
    }

    /**
     * What each account holds in a ledger kept from an earlier run, so that the traffic pays only from that and
     * not from the opening balances long spent.
     */
    private static Map<String, BigDecimal> keptBalances(String bootstrap) {
        try (KafkaLedgerSource source = new KafkaLedgerSource(ClientSettings.of(bootstrap))) {
            BalanceTable table = new LedgerReplay(source, SnapshotStore.NONE, LedgerReplay.Settings.defaults())
                    .balancesAt(DemoTopics.PAYMENT_LEDGER, List.of(Instant.now()), LedgerReplay.Listener.NONE,
                            () -> false).getFirst().balances();
            Map<String, BigDecimal> balances = new HashMap<>(table.size() * 2);
            for (int i = 0; i < table.size(); i++) {
                balances.put(table.account(i), table.balance(i));
            }
            return balances;
        } catch (RuntimeException e) {
            throw new BackendStartException("cannot read the balances of the kept ledger: "
                    + ErrorText.rootMessage(e), e);
        }
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public String grpcTarget() {
        return indexer.target();
    }

    @Override
    public Optional<String> registryUrl() {
        return Optional.ofNullable(registry).map(SchemaRegistryServer::url);
    }

    @Override
    public Optional<String> registryProblem() {
        return Optional.ofNullable(registryProblem);
    }

    public DemoOptions options() {
        return options;
    }

    /** Changes the demo traffic's rate (tx/s) while running; 0 pauses it. */
    public void setRate(int transactionsPerSecond) {
        if (transactionsPerSecond < 0) {
            throw new IllegalArgumentException("the rate must be 0 or more transactions per second");
        }
        traffic.setRate(transactionsPerSecond);
    }

    /** A moment's view; cheap enough to take once a second from a background thread. */
    public DemoStatus status() {
        if (closed) {
            return new DemoStatus(kafkaBootstrap(), grpcTarget(), false, false, traffic.rate(), 0,
                    lastStats.ingested(), lastStats.failed(), lastStats.headHeight());
        }
        IndexerStats stats = indexer.stats();
        lastStats = stats;
        return new DemoStatus(kafkaBootstrap(), grpcTarget(), !closed && LocalPorts.accepts(kafka.port()),
                !closed && LocalPorts.accepts(indexer.port()), traffic.rate(), stats.ingestRate(), stats.ingested(),
                stats.failed(), stats.headHeight());
    }


    /** Stops traffic, the registry, the indexer, the groups and the broker, in that order. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        lastStats = indexer.stats();
        closed = true;
        parts.forEach(Closeables::closeQuietly); // pushed in start order onto a stack: newest first
        parts.clear();
    }
}
