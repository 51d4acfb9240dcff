package dev.highwater.bench;

import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailStatus;
import dev.highwater.core.decode.DecodePipeline;
import dev.highwater.core.decode.DecoderChoice;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.decode.RecordFilter;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.demo.SchemaRegistryServer;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.tail.TailReader;
import dev.highwater.core.tail.TailStart;
import dev.highwater.registry.HttpSchemaRegistries;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The decode pipeline against its anchor, on the same prepared topic in the same run: a raw poll loop (records
 * touched, nothing decoded) and the pipeline (poll → per-record detection and a descriptor-based decode of every
 * record → filter → bounded buffer), alternated, each reading the whole topic from the beginning.
 */
public final class DecodeBench {

    static final String TOPIC = "bench-transactions";
    static final String REGISTRY_TOPIC = "bench-transactions-registry";
    static final String FILTER = "sender == \"acct-aggregator-7\" && amount > 100";

    private DecodeBench() {
    }

    /**
     * @param registryCache where the schema registry's distribution is unpacked (and kept, so it is unpacked once)
     */
    public static void run(BenchReport report, long records, int runs, Path registryCache) throws Exception {
        report.heading("decode: " + String.format("%,d", records) + " Transaction records, 12 partitions, read from "
                + "the beginning; raw poll loop vs the decode pipeline, alternated, " + runs + " runs each");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) { // a temporary folder, removed at close
            long t0 = System.nanoTime();
            TransactionTopic.prepare(kafka.bootstrapServers(), TOPIC, records);
            report.note(String.format("topic written in %.1f s", (System.nanoTime() - t0) / 1e9));
            ClientSettings settings = ClientSettings.of(kafka.bootstrapServers());
            TypeSet types = TypeSet.of(SchemaCatalog.withBuiltIn());
            figures(report, settings, TOPIC, types, null, records, runs, "");
            report.note("filter: " + FILTER + "; " + DecodePipeline.Settings.defaultWorkers()
                    + " decode worker(s) beside the reading thread");
            registryFigures(report, kafka, settings, records, runs, registryCache);
        }
    }

    /** Raw poll and pipeline on one topic, alternated after a warm-up of each. */
    private static void figures(BenchReport report, ClientSettings settings, String topic, TypeSet types,
                                SchemaRegistry registry, long records, int runs, String what) throws Exception {
        rawPoll(settings, topic, records); // warm-up: page cache, JIT
        pipeline(settings, topic, types, registry, records);
        double[] raw = new double[runs];
        double[] decoded = new double[runs];
        double[] ratio = new double[runs];
        for (int i = 0; i < runs; i++) {
            raw[i] = rawPoll(settings, topic, records);
            decoded[i] = pipeline(settings, topic, types, registry, records);
            ratio[i] = decoded[i] / raw[i];
        }
        report.add("decode", "raw poll loop (the anchor)" + what, raw, "rec/s", null);
        report.add("decode", "pipeline: poll, detect + decode all, filter, buffer" + what, decoded, "rec/s", null);
        report.add("decode", "pipeline / raw poll, same run" + what, ratio, "x", ">= 0.6x");
    }

    /**
     * The same figures on a topic written through a schema registry (a real one, on loopback): Protobuf in three
     * schema versions and a quarter Avro, each record read with the schema of its id, the schemas cached.
     */
    private static void registryFigures(BenchReport report, EmbeddedKafka kafka, ClientSettings settings,
                                        long records, int runs, Path cache) throws Exception {
        SchemaRegistryServer started = RegistryFraming.start(report, cache);
        if (started == null) {
            return;
        }
        try (SchemaRegistryServer server = started) {
            String subject = REGISTRY_TOPIC + "-value";
            FramedTransactions.Ids ids = new FramedTransactions.Ids(
                    server.register(subject, "PROTOBUF", FramedTransactions.PROTO_V1, List.of()),
                    server.register(subject, "PROTOBUF", FramedTransactions.PROTO_V2, List.of()),
                    server.register(subject, "PROTOBUF", FramedTransactions.PROTO_V3, List.of()),
                    server.register(REGISTRY_TOPIC + "-avro-value", "AVRO", FramedTransactions.AVRO, List.of()));
            long t0 = System.nanoTime();
            FramedTransactions.prepare(kafka.bootstrapServers(), REGISTRY_TOPIC, records, ids);
            report.note(String.format("registry-framed topic: %,d records (Protobuf v1, v2, v3 in turn; a quarter"
                    + " Avro) written in %.1f s", records, (System.nanoTime() - t0) / 1e9));
            try (SchemaRegistry registry = new HttpSchemaRegistries().open(RegistrySettings.of(server.url()),
                    SecretResolver.system())) {
                figures(report, settings, REGISTRY_TOPIC, TypeSet.of(SchemaCatalog.withBuiltIn()), registry,
                        records, runs, ", registry-framed");
            }
        }
    }

    /** A group-less consumer polling every record and touching its key and value: the anchor. */
    static double rawPoll(ClientSettings settings, String topic, long records) {
        Map<String, Object> props = settings.groupLessConsumer("bench-raw");
        props.put("max.poll.records", 5_000);
        long t0 = System.nanoTime(); // both sides are timed from making the client to the last record
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = IntStream.range(0, TransactionTopic.PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p)).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            parts.forEach(c::position);
            long seen = 0;
            long bytes = 0;
            while (seen < records) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    seen++;
                    bytes += r.value().length + (r.key() == null ? 0 : r.key().length);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (bytes == 0) {
                throw new IllegalStateException("no bytes read");
            }
            return seen / seconds;
        }
    }

    /** The tail reader feeding the decode pipeline, timed until every record is decoded. */
    static double pipeline(ClientSettings settings, String topic, TypeSet types, SchemaRegistry registry,
                           long records) throws InterruptedException {
        DecodePipeline.Settings s = new DecodePipeline.Settings(types, DecoderChoice.AUTO, DecoderChoice.AUTO,
                Map.of(), RecordFilter.of(Set.of(), "", "", FILTER), 5_000, DecodePipeline.Settings.defaultWorkers(),
                registry);
        try (DecodePipeline pipeline = new DecodePipeline(s)) {
            TailReader reader = new TailReader(settings, new TailRequest(topic, null, TailStart.beginning(),
                    false, records), new TailListener() {
                @Override
                public void records(List<RawRecord> batch) throws InterruptedException {
                    pipeline.accept(batch);
                }

                @Override
                public void status(TailStatus status) {
                }
            });
            long t0 = System.nanoTime();
            reader.start();
            long deadline = t0 + 600_000_000_000L;
            while (pipeline.decoded() < records && System.nanoTime() < deadline) {
                Thread.sleep(0, 200_000);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            reader.close();
            if (pipeline.decoded() < records || pipeline.rows().snapshot().kept() == 0) {
                throw new IllegalStateException("the pipeline decoded " + pipeline.decoded() + " of " + records
                        + " and kept " + pipeline.rows().snapshot().kept());
            }
            return pipeline.decoded() / seconds;
        }
    }
}
