package dev.highwater.demo;

import dev.highwater.core.demo.DemoStatus;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.app.AppLogging;
import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerEventCodec;
import dev.highwater.kafka.DemoTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo with every core kept busy by other work, as on a shared machine: its transactional publisher must
 * not make the broker reject batches out of sequence (each rejection is an ERROR with a stack trace in the
 * broker's log), and the ledger it writes must still hold every payment exactly once.
 */
class DemoUnderLoadTest {

    private static final Duration RUN = Duration.ofSeconds(Long.getLong("highwater.loadtest.seconds", 60));

    @Test
    void aLoadedMachineGetsNoOutOfSequenceBatchesAndEveryPaymentOnce() throws Exception {
        AppLogging.start(); // as the app does: gRPC's java.util.logging into log4j too
        StringWriter log = new StringWriter();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        WriterAppender capture = WriterAppender.newBuilder().setName("capture-errors").setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%c %m %throwable{1}%n").build()).build();
        capture.start();
        config.addAppender(capture);
        List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
        loggers.add(config.getRootLogger());
        loggers.forEach(l -> l.addAppender(capture, Level.WARN, null));
        ctx.updateLoggers();

        AtomicBoolean busy = new AtomicBoolean(true);
        List<Thread> burners = new ArrayList<>();
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            burners.add(Thread.ofPlatform().daemon().name("cpu-burner-" + i).start(() -> {
                long x = 1;
                while (busy.get()) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }));
        }
        String bootstrap;
        DemoStatus status;
        try (DemoBackends demo = DemoBackends.start(new DemoOptions(0, 0, null, DemoOptions.DEFAULT_RATE,
                DemoOptions.DEFAULT_HOT_KEY_SHARE))) {
            bootstrap = demo.kafkaBootstrap();
            Thread.sleep(RUN.toMillis());
            busy.set(false);
            demo.setRate(0);
            Thread.sleep(3_000); // what was ingested is committed
            status = demo.status();
            Ledger ledger = readLedger(bootstrap);
            String errors = log.toString();
            // the broker's exceptions carry no stack frames: the layout prints their class and message
            List<String> rejected = errors.lines().filter(l -> l.contains("OutOfOrderSequenceException")
                    || l.contains("sequence number for producer")).toList();
            assertEquals(List.of(), rejected.stream().limit(5).toList(), "the broker rejected "
                    + rejected.size() + " batches out of sequence");
            assertEquals(0, status.failed(), "no payment failed to publish: " + status);
            assertTrue(status.ingested() > 0, status.toString());
            assertEquals(Set.of(), ledger.duplicates, "no ledger event was written twice");
            BigDecimal opening = DemoBackends.HOT_SENDER_OPENING_BALANCE
                    .add(DemoBackends.OPENING_BALANCE.multiply(BigDecimal.valueOf(DemoBackends.DEMO_ACCOUNTS)));
            assertEquals(0, opening.compareTo(ledger.sum), "payments only move money: the sum stays " + opening);
            assertEquals(ledger.debits, ledger.credits, "each payment has both sides");
            assertTrue(ledger.debits >= status.ingested() / 2, "confirmed payments reached the ledger: "
                    + ledger.debits + " of " + status.ingested() + " ingested");
        } finally {
            System.out.println("What was logged at WARN and above:\n" + log);
            busy.set(false);
            for (Thread t : burners) {
                t.join();
            }
            loggers.forEach(l -> l.removeAppender("capture-errors"));
            ctx.updateLoggers();
            capture.stop();
        }
    }

    private record Ledger(BigDecimal sum, long debits, long credits, Set<String> duplicates) {
    }

    private static Ledger readLedger(String bootstrap) {
        BigDecimal sum = BigDecimal.ZERO;
        long debits = 0;
        long credits = 0;
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DemoTopics.PAYMENT_LEDGER).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (LedgerEventCodec.decode(r.value()) instanceof LedgerEventCodec.Decoded.Event(LedgerEvent e)) {
                        if (!seen.add(e.eventId())) {
                            duplicates.add(e.eventId());
                        }
                        sum = sum.add(e.signedAmount());
                        if (e.type() == LedgerEvent.Type.ACCOUNT_DEBITED) {
                            debits++;
                        } else if (!e.eventId().startsWith("opening:")) {
                            credits++;
                        }
                    }
                }
            }
        }
        return new Ledger(sum, debits, credits, duplicates);
    }
}
