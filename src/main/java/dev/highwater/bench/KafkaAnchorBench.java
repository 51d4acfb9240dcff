package dev.highwater.bench;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The physical limits every read and write figure is judged against, measured on the embedded broker:
 * Kafka's own ProducerPerformance (defaults, and tuned batching) and ConsumerPerformance on a 12-partition
 * topic of 100-byte records. Each of the other suites measures its own anchor again in its own run; this one
 * states the machine's limits in one place.
 */
public final class KafkaAnchorBench {

    static final String TOPIC = "bench-anchor";

    private KafkaAnchorBench() {
    }

    public static void run(BenchReport report, long records, int runs) throws Exception {
        report.heading("kafka: Kafka's own ProducerPerformance and ConsumerPerformance on the embedded broker, "
                + "12 partitions, " + String.format("%,d", records) + " records of 100 B a run");
        if (!KafkaTools.present()) {
            report.note("skipped: " + KafkaTools.ABSENT);
            return;
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(ClientSettings.of(bootstrap).admin("bench-setup"))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 12, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            ProducerPerformanceAnchor.run(bootstrap, TOPIC, Math.max(1_000, records / 10), 100); // warm-up
            double[] plain = new double[runs];
            double[] tuned = new double[runs];
            double[] fetch = new double[runs];
            for (int r = 0; r < runs; r++) {
                plain[r] = ProducerPerformanceAnchor.run(bootstrap, TOPIC, records, 100).recordsPerSecond();
                tuned[r] = ProducerPerformanceAnchor.run(bootstrap, TOPIC, records, 100, "batch.size=262144",
                        "linger.ms=20").recordsPerSecond();
                fetch[r] = ConsumerPerformanceAnchor.run(bootstrap, TOPIC, records).fetchRecordsPerSecond();
            }
            report.add("kafka", "ProducerPerformance, producer defaults", plain, "rec/s", "anchor");
            report.add("kafka", "ProducerPerformance, batch.size=262144 linger.ms=20", tuned, "rec/s", "anchor");
            report.add("kafka", "ConsumerPerformance fetch rate", fetch, "rec/s", "anchor");
        }
    }
}
