package dev.highwater.kafka.lag;

import dev.highwater.core.lag.KeySampleSource;
import dev.highwater.core.connect.ClientSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Samples the keys of a topic's recent records with a group-less consumer (it never joins or commits). Each
 * partition gives records in proportion to its recent traffic, so that a key's share of the sample is its share
 * of the topic's traffic: an equal count per partition would shrink the hot partition's keys to 1/partitions.
 */
public final class KafkaKeySampler implements KeySampleSource {

    private static final Duration BUDGET = Duration.ofSeconds(2);
    /** How far back "recent" traffic reaches. */
    static final Duration RECENT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;

    public KafkaKeySampler(ClientSettings settings) {
        Map<String, Object> props = settings.groupLessConsumer("highwater-key-sampler");
        props.putIfAbsent("max.poll.records", 10_000);
        props.putIfAbsent("auto.offset.reset", "latest");
        this.consumer = new KafkaConsumer<>(props);
    }

    @Override
    public synchronized List<SampledKey> sample(String topic, int perPartition) {
        List<SampledKey> keys = new ArrayList<>();
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return keys;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, Duration.ofSeconds(5));
            Map<TopicPartition, Long> from = startOffsets(partitions, starts, ends, perPartition);
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, from.get(tp));
            }
            long deadline = System.nanoTime() + BUDGET.toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < ends.get(tp)) {
                        keys.add(new SampledKey(topic, r.partition(), render(r.key())));
                    }
                }
            }
        } catch (KafkaException e) {
            // a topic deleted or a broker gone mid-sample: what was read so far still tells something
        } finally {
            consumer.assign(List.of());
        }
        return keys;
    }

    /**
     * Where to start reading each partition: the records of the last {@link #RECENT}, scaled down evenly to at
     * most {@code perPartition} times the partitions in all; on a topic quiet that long, the newest
     * {@code perPartition} records of each partition.
     */
    private Map<TopicPartition, Long> startOffsets(List<TopicPartition> partitions, Map<TopicPartition, Long> starts,
                                                   Map<TopicPartition, Long> ends, int perPartition) {
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = System.currentTimeMillis() - RECENT.toMillis();
        partitions.forEach(tp -> since.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> at = consumer.offsetsForTimes(since, Duration.ofSeconds(5));
        Map<TopicPartition, Long> recent = new HashMap<>();
        long total = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp first = at.get(tp); // null: no record that recent
            long n = first == null ? 0 : ends.get(tp) - Math.max(starts.get(tp), first.offset());
            recent.put(tp, n);
            total += n;
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        long budget = (long) perPartition * partitions.size();
        double scale = total == 0 ? 0 : Math.min(1.0, (double) budget / total);
        for (TopicPartition tp : partitions) {
            long take = total == 0 ? perPartition : Math.round(recent.get(tp) * scale);
            out.put(tp, Math.max(starts.get(tp), ends.get(tp) - take));
        }
        return out;
    }

    /** UTF-8 text when the bytes are text, else hex: a key is shown as what it is. */
    static String render(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key)).toString();
            if (text.chars().noneMatch(c -> Character.isISOControl(c))) {
                return text;
            }
        } catch (CharacterCodingException e) {
            // not text
        }
        return "0x" + HexFormat.of().formatHex(key);
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
