package dev.highwater.core.report;

import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.lag.HotKeyReport;
import dev.highwater.core.lag.HotKeySampler;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailReading;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailSource;
import dev.highwater.core.tail.TailStart;
import dev.highwater.core.tail.TailStatus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Reads one topic's records of a window through the tail port (no consumer group) and counts their keys in
 * bounded memory ({@link HotKeySampler}'s space-saving counters), keeping the first few records as samples. A
 * partition's reading is done at its first record after the window; the whole read stops when every partition
 * is done, at the end of the log, or at {@code cap} records counted.
 */
final class WindowRecords {

    /** How many keys are tracked per topic: any key above 1/1,000 of the records is counted. */
    static final int COUNTERS = 1_000;

    record Result(IncidentReport.TopicKeys keys, List<RawRecord> samples) {
    }

    private WindowRecords() {
    }

    static Result read(TailSource source, String topic, Instant from, Instant to, double hotKeyShare, int topKeys,
                       int sampleCount, long cap) throws InterruptedException {
        int partitions = source.partitions(topic);
        long fromMillis = from.toEpochMilli();
        long toMillis = to.toEpochMilli();
        HotKeySampler sampler = new HotKeySampler(hotKeyShare, COUNTERS);
        List<RawRecord> samples = new ArrayList<>();
        Set<Integer> done = new HashSet<>();
        long[] counted = {0};
        boolean[] capped = {false};
        TailReading[] reading = new TailReading[1];
        reading[0] = source.open(new TailRequest(topic, null, TailStart.at(from), false, 0), new TailListener() {
            @Override
            public void records(List<RawRecord> batch) {
                for (RawRecord r : batch) {
                    if (r.timestamp() > toMillis) {
                        done.add(r.partition());
                    } else if (r.timestamp() >= fromMillis && counted[0] < cap) {
                        sampler.record(topic, r.partition(), keyText(r.key()));
                        counted[0]++;
                        if (samples.size() < sampleCount) {
                            samples.add(r);
                        }
                    }
                }
                if (counted[0] >= cap) {
                    capped[0] = true;
                }
                if (capped[0] || partitions > 0 && done.size() >= partitions) {
                    reading[0].close();
                }
            }

            @Override
            public void status(TailStatus status) {
                // the read ends at the log's end or when closed; a failure is thrown by run()
            }
        });
        try {
            reading[0].run();
        } finally {
            reading[0].close();
        }
        HotKeyReport report = sampler.report(topic, topKeys);
        List<IncidentReport.KeyShare> keys = report.top().stream()
                .map(k -> new IncidentReport.KeyShare(k.key(), k.noKey(), k.count(), k.share(), k.partitions(),
                        k.hot()))
                .toList();
        return new Result(new IncidentReport.TopicKeys(topic, counted[0], !capped[0], keys), List.copyOf(samples));
    }

    /** UTF-8 text when the bytes are text, else hex, as the live hot-key panel shows a key; null without a key. */
    static String keyText(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key)).toString();
            if (text.chars().noneMatch(Character::isISOControl)) {
                return text;
            }
        } catch (CharacterCodingException e) {
            // not text
        }
        return "0x" + HexFormat.of().formatHex(key);
    }
}
