package dev.highwater.core.ledger;

import java.util.ArrayList;
import java.util.List;

/** A ledger topic in memory: partitions of (key, value) records; read round-robin a few records at a time. */
public final class ListLedgerSource implements LedgerSource {

    record Rec(byte[] key, byte[] value) {
    }

    final String name;
    public String topicId = "topic-id-1";
    final List<List<Rec>> partitions = new ArrayList<>();
    /** How much of each partition is visible (the topic as it was then); null = all. */
    public long[] visibleEnd;

    public ListLedgerSource(String name, int partitions) {
        this.name = name;
        for (int p = 0; p < partitions; p++) {
            this.partitions.add(new ArrayList<>());
        }
    }

    public void add(int partition, byte[] key, byte[] value) {
        partitions.get(partition).add(new Rec(key, value));
    }

    @Override
    public List<String> topics() {
        return List.of(name);
    }

    @Override
    public LedgerTopic describe(String topic) {
        if (!topic.equals(name)) {
            throw new IllegalArgumentException("topic " + topic + " does not exist");
        }
        long[] end = new long[partitions.size()];
        for (int p = 0; p < end.length; p++) {
            end[p] = visibleEnd != null ? visibleEnd[p] : partitions.get(p).size();
        }
        return new LedgerTopic(name, topicId, new long[end.length], end);
    }

    @Override
    public void read(LedgerTopic topic, long[] from, RecordSink sink) {
        long[] pos = from.clone();
        long[] end = topic.endOffsets();
        boolean more = true;
        while (more) {
            more = false;
            for (int p = 0; p < pos.length; p++) {
                for (int k = 0; k < 3 && pos[p] < end[p]; k++) {
                    Rec r = partitions.get(p).get((int) pos[p]);
                    sink.record(p, pos[p], r.key(), r.value());
                    pos[p]++;
                }
                more |= pos[p] < end[p];
            }
        }
    }

    @Override
    public void close() {
    }
}
