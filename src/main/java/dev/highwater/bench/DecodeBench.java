package dev.highwater.bench;

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
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.tail.TailReader;
import dev.highwater.core.tail.TailStart;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

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
    static final String FILTER = "sender == \"acct-aggregator-7\" && amount > 100";

    private DecodeBench() {
    }

    public static void run(BenchReport report, long records, int runs) throws Exception {
        report.heading("decode: " + String.format("%,d", records) + " Transaction records, 12 partitions, read from "
                + "the beginning; raw poll loop vs the decode pipeline, alternated, " + runs + " runs each");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) { // a temporary folder, removed at close
            long t0 = System.nanoTime();
            TransactionTopic.prepare(kafka.bootstrapServers(), TOPIC, records);
            report.note(String.format("topic written in %.1f s", (System.nanoTime() - t0) / 1e9));
            ClientSettings settings = ClientSettings.of(kafka.bootstrapServers());
            TypeSet types = TypeSet.of(SchemaCatalog.withBuiltIn());
            rawPoll(settings, records); // warm-up: page cache, JIT
            pipeline(settings, types, records);
            double[] raw = new double[runs];
            double[] decoded = new double[runs];
            double[] ratio = new double[runs];
            for (int i = 0; i < runs; i++) {
                raw[i] = rawPoll(settings, records);
                decoded[i] = pipeline(settings, types, records);
                ratio[i] = decoded[i] / raw[i];
            }
            report.add("decode", "raw poll loop (the anchor)", raw, "rec/s", null);
            report.add("decode", "pipeline: poll, detect + decode all, filter, buffer", decoded, "rec/s", null);
            report.add("decode", "pipeline / raw poll, same run", ratio, "x", ">= 0.6x");
            report.note("filter: " + FILTER + "; " + DecodePipeline.Settings.defaultWorkers()
                    + " decode worker(s) beside the reading thread");
        }
    }

    /** A group-less consumer polling every record and touching its key and value: the anchor. */
    static double rawPoll(ClientSettings settings, long records) {
        Map<String, Object> props = settings.groupLessConsumer("bench-raw");
        props.put("max.poll.records", 5_000);
        long t0 = System.nanoTime(); // both sides are timed from making the client to the last record
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = IntStream.range(0, TransactionTopic.PARTITIONS)
                    .mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
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
    static double pipeline(ClientSettings settings, TypeSet types, long records) throws InterruptedException {
        DecodePipeline.Settings s = new DecodePipeline.Settings(types, DecoderChoice.AUTO, DecoderChoice.AUTO,
                Map.of(), RecordFilter.of(Set.of(), "", "", FILTER), 5_000, DecodePipeline.Settings.defaultWorkers());
        try (DecodePipeline pipeline = new DecodePipeline(s)) {
            TailReader reader = new TailReader(settings, new TailRequest(TOPIC, null, TailStart.beginning(),
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
                throw new IllegalStateException("the pipeline decoded " + pipeline.decoded() + " of " + records);
            }
            return pipeline.decoded() / seconds;
        }
    }
}
