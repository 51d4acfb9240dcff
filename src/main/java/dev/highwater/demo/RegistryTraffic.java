package dev.highwater.demo;

import dev.highwater.core.registry.SchemaReference;
import dev.highwater.kafka.DemoTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The demo's registry-framed traffic, as services with a schema registry write it: payments (Protobuf) on
 * {@value DemoTopics#REGISTRY_PAYMENTS} and accounts (Avro) on {@value DemoTopics#REGISTRY_ACCOUNTS}, each record
 * framed with the id of the schema version current when it was written. The schemas evolve while it runs: v1 at
 * start, v2 after one period, v3 (payments) after two, each registered just before its first record, so the
 * topics hold every version. One thread, a real Kafka producer.
 */
public final class RegistryTraffic implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryTraffic.class);
    private static final String PAYMENTS_SUBJECT = DemoTopics.REGISTRY_PAYMENTS + "-value";
    private static final String ACCOUNTS_SUBJECT = DemoTopics.REGISTRY_ACCOUNTS + "-value";
    private static final List<String> MEMOS = List.of("rent", "groceries", "invoice 2041", "refund of order",
            "salary", "", "gift");
    private static final List<String> CHANNELS = List.of("card", "transfer", "instant", "direct-debit");
    private static final List<String> OWNERS = List.of("Ada Lovelace", "Grace Hopper", "Edsger Dijkstra",
            "Barbara Liskov", "Donald Knuth", "Frances Allen");

    /**
     * @param cacheFolder      where the registry's distribution is unpacked once (the app's data folder)
     * @param evolveEvery      how long each schema version is current before the next is registered
     * @param recordsPerSecond payments and refunds written per second; accounts at a tenth of that
     */
    public record Settings(Path cacheFolder, Duration evolveEvery, int recordsPerSecond) {

        /** The system property that sets {@link #evolveEvery()} for {@link #defaults(Path)}. */
        public static final String EVOLVE_EVERY_PROPERTY = "highwater.demo.schemaEvolveEvery";

        public Settings {
            if (evolveEvery.isNegative() || evolveEvery.isZero()) {
                throw new IllegalArgumentException("the schema's evolution needs a period, not " + evolveEvery);
            }
        }

        /**
         * A new version a minute, 50 records a second: every version on the topic within a few minutes. The
         * system property {@value #EVOLVE_EVERY_PROPERTY} (an ISO-8601 duration such as {@code PT5S}) sets another
         * period, for a presenter who cannot wait two minutes for v3; a value that is not a positive duration is
         * said in the log and the minute stays.
         */
        public static Settings defaults(Path cacheFolder) {
            return new Settings(cacheFolder, evolveEvery(System.getProperty(EVOLVE_EVERY_PROPERTY)), 50);
        }

        static Duration evolveEvery(String given) {
            Duration standard = Duration.ofMinutes(1);
            if (given == null || given.isBlank()) {
                return standard;
            }
            try {
                Duration d = Duration.parse(given.strip());
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // said below, with the value
            }
            log.warn("{}={} is not a positive ISO-8601 duration such as PT5S; the demo's schema evolves every"
                    + " minute", EVOLVE_EVERY_PROPERTY, given);
            return standard;
        }
    }

    private final SchemaRegistryServer registry;
    private final Settings settings;
    private final KafkaProducer<byte[], byte[]> producer;
    private final int[] paymentIds = new int[RegistryDemoSchemas.PAYMENT_VERSIONS + 1]; // by version; 0: not yet
    private final int[] accountIds = new int[RegistryDemoSchemas.ACCOUNT_VERSIONS + 1];
    private final Random random = new Random();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int paymentVersion;
    private volatile long written;
    private boolean evolutionStopped; // the traffic thread's

    private RegistryTraffic(SchemaRegistryServer registry, String bootstrap, Settings settings) {
        this.registry = registry;
        this.settings = settings;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "highwater-demo-registry-traffic",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
        this.thread = Thread.ofPlatform().daemon().name("demo-registry-traffic").unstarted(this::run);
    }

    /**
     * Registers the first versions ({@code Money}, then the payment schema importing it, then the account
     * schema) and starts writing.
     *
     * @throws IllegalStateException with the registry's words when it refuses a schema
     */
    static RegistryTraffic start(SchemaRegistryServer registry, String bootstrap, Settings settings) {
        registry.register(RegistryDemoSchemas.MONEY_SUBJECT, "PROTOBUF", RegistryDemoSchemas.MONEY, List.of());
        RegistryTraffic traffic = new RegistryTraffic(registry, bootstrap, settings);
        try {
            traffic.registerVersion(1);
            traffic.thread.start();
            return traffic;
        } catch (RuntimeException e) {
            traffic.producer.close(Duration.ZERO);
            throw e;
        }
    }

    /** The payment schema's version being written now, 1 to 3. */
    int paymentVersion() {
        return paymentVersion;
    }

    /** Records written since start, all topics. */
    long written() {
        return written;
    }

    private void registerVersion(int version) {
        // the version Money was registered as: the first, in a registry of the demo's own
        List<SchemaReference> money = List.of(new SchemaReference(RegistryDemoSchemas.MONEY_IMPORT,
                RegistryDemoSchemas.MONEY_SUBJECT, 1));
        paymentIds[version] = registry.register(PAYMENTS_SUBJECT, "PROTOBUF", RegistryDemoSchemas.payments(version),
                money);
        if (version <= RegistryDemoSchemas.ACCOUNT_VERSIONS) {
            accountIds[version] = registry.register(ACCOUNTS_SUBJECT, "AVRO", RegistryDemoSchemas.accounts(version),
                    List.of());
        }
        paymentVersion = version;
        log.info("The demo writes {} with schema v{} (id {})", DemoTopics.REGISTRY_PAYMENTS, version,
                paymentIds[version]);
    }

    private void run() {
        long start = System.nanoTime();
        long sent = 0;
        try {
            while (!stopped) {
                long elapsed = System.nanoTime() - start;
                evolve(elapsed);
                long due = elapsed * settings.recordsPerSecond() / 1_000_000_000L;
                // after a pause (a suspended laptop) the rate goes on, without a burst to catch up
                sent = Math.max(sent, due - settings.recordsPerSecond());
                for (; sent < due && !stopped; sent++) {
                    send(sent);
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } catch (InterruptedException | InterruptException e) {
            // closing
        } catch (RuntimeException e) {
            if (!stopped) { // the rest of the demo goes on; the log says why these topics went quiet
                log.warn("The demo's registry-framed traffic stopped: {}", e.toString());
            }
        }
    }

    private void evolve(long elapsedNanos) {
        int due = (int) Math.min(RegistryDemoSchemas.PAYMENT_VERSIONS,
                1 + elapsedNanos / settings.evolveEvery().toNanos());
        if (due <= paymentVersion || evolutionStopped) {
            return;
        }
        try {
            registerVersion(paymentVersion + 1);
        } catch (RuntimeException e) {
            // the records go on with the version in place; the log says why the schema stopped evolving
            evolutionStopped = true;
            log.warn("The demo's schema stays at v{}: {}", paymentVersion, e.getMessage());
        }
    }

    private void send(long n) {
        int version = paymentVersion;
        String from = account(random.nextInt(200));
        String to = account(random.nextInt(200));
        BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(500_000), 2);
        String paymentId = "pay-" + Long.toString(n, 36);
        byte[] value;
        if (n % 10 == 9) {
            value = RegistryDemoSchemas.refund(paymentIds[version], "pay-" + Long.toString(n - 1, 36),
                    amount, "EUR", "returned goods");
        } else {
            value = RegistryDemoSchemas.payment(paymentIds[version], version, paymentId, from, to, amount, "EUR",
                    MEMOS.get(random.nextInt(MEMOS.size())), CHANNELS.get(random.nextInt(CHANNELS.size())));
        }
        producer.send(new ProducerRecord<>(DemoTopics.REGISTRY_PAYMENTS, utf8(from), value));
        if (n % 10 == 0) {
            int accountVersion = Math.min(version, RegistryDemoSchemas.ACCOUNT_VERSIONS);
            BigDecimal balance = BigDecimal.valueOf(random.nextInt(100_000_000), 2);
            producer.send(new ProducerRecord<>(DemoTopics.REGISTRY_ACCOUNTS, utf8(from),
                    RegistryDemoSchemas.account(accountIds[accountVersion], accountVersion, from,
                            OWNERS.get(random.nextInt(OWNERS.size())), balance, n % 70 == 0 ? "frozen" : "open")));
        }
        written++;
    }

    private static String account(int i) {
        return "acct-" + String.format("%04d", i);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Stops writing and closes the producer (what it holds is sent first, within a few seconds). */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
