package dev.highwater.ui.schemas;

import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.tail.TailException;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailReading;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailSource;
import dev.highwater.core.tail.TailStart;
import dev.highwater.core.tail.TailStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cluster's topics in memory: records by partition; a read delivers its partition from the offset asked, or the
 * last N offsets of every partition.
 */
final class FakeTails implements TailSource {

    final Map<String, Map<Integer, List<RawRecord>>> topics = new TreeMap<>();
    final List<TailRequest> asked = new CopyOnWriteArrayList<>();

    void add(String topic, int partition, long timestamp, byte[] value) {
        List<RawRecord> p = topics.computeIfAbsent(topic, t -> new TreeMap<>())
                .computeIfAbsent(partition, x -> new ArrayList<>());
        p.add(new RawRecord(topic, partition, p.size(), timestamp, null, value, List.of()));
    }

    @Override
    public List<String> topics() {
        return List.copyOf(topics.keySet());
    }

    @Override
    public int partitions(String topic) {
        return topics.getOrDefault(topic, Map.of()).size();
    }

    @Override
    public Map<Integer, Long> endOffsets(String topic) {
        Map<Integer, Long> ends = new TreeMap<>();
        topics.getOrDefault(topic, Map.of()).forEach((p, records) -> ends.put(p, (long) records.size()));
        return ends;
    }

    @Override
    public TailReading open(TailRequest request, TailListener listener) {
        asked.add(request);
        return new TailReading() {
            @Override
            public void start() {
                throw new UnsupportedOperationException("the panel reads on its own thread");
            }

            @Override
            public void run() throws InterruptedException {
                if (request.start().kind() == TailStart.Kind.LAST && request.partition() == null) {
                    // the last N offsets of each partition, partition by partition, as a schema check asks
                    for (List<RawRecord> all : topics.getOrDefault(request.topic(), Map.of()).values()) {
                        int from = (int) Math.max(0, all.size() - request.start().offset());
                        listener.records(List.copyOf(all.subList(from, all.size())));
                    }
                    listener.status(new TailStatus(TailStatus.State.FINISHED, "finished"));
                    return;
                }
                if (request.start().kind() != TailStart.Kind.OFFSET || request.partition() == null) {
                    throw new TailException("the fake reads one partition from an offset, or the last of each");
                }
                List<RawRecord> all = topics.get(request.topic()).get(request.partition());
                int from = (int) Math.min(all.size(), request.start().offset());
                int to = (int) Math.min(all.size(), from + request.limit());
                listener.records(List.copyOf(all.subList(from, to)));
                listener.status(new TailStatus(TailStatus.State.FINISHED, "finished"));
            }

            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }

            @Override
            public void close() {
            }
        };
    }
}
