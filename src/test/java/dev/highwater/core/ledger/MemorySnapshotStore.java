package dev.highwater.core.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Snapshots in memory, for tests of the engine. */
final class MemorySnapshotStore implements SnapshotStore {

    final Map<String, List<SnapshotInfo>> infos = new HashMap<>();
    final Map<String, byte[]> states = new HashMap<>();
    final Map<String, List<byte[]>> keys = new HashMap<>();

    @Override
    public synchronized List<SnapshotInfo> list(String topic) {
        return List.copyOf(infos.getOrDefault(topic, List.of()));
    }

    @Override
    public synchronized byte[] state(String topic, long seq) {
        return states.get(topic + "/" + seq);
    }

    @Override
    public synchronized void save(SnapshotInfo info, byte[] state, Map<Long, byte[]> keysByBucket) {
        infos.computeIfAbsent(info.topic(), t -> new ArrayList<>()).add(info);
        states.put(info.topic() + "/" + info.seq(), state);
        keysByBucket.forEach((bucket, k) ->
                keys.computeIfAbsent(info.topic() + "/" + info.seq() + "/" + bucket, x -> new ArrayList<>()).add(k));
    }

    @Override
    public synchronized List<byte[]> keys(String topic, long uptoSeq, long bucket) {
        List<byte[]> out = new ArrayList<>();
        for (long s = 1; s <= uptoSeq; s++) {
            out.addAll(keys.getOrDefault(topic + "/" + s + "/" + bucket, List.of()));
        }
        return out;
    }

    @Override
    public synchronized void deleteAll(String topic) {
        infos.remove(topic);
        states.keySet().removeIf(k -> k.startsWith(topic + "/"));
        keys.keySet().removeIf(k -> k.startsWith(topic + "/"));
    }

    @Override
    public String openingNotice() {
        return null;
    }

    @Override
    public void close() {
    }
}
