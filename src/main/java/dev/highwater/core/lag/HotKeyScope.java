package dev.highwater.core.lag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which topics a hot-key sample reads, so that a cluster of 10,000 topics costs a sample no more than a small one:
 * the topics of the groups opened on screen first (the most recently opened first), then the topics holding a
 * hot partition, then the topics of the groups in most need of a look ({@link GroupRanking#WORST_FIRST}); at most
 * {@value #MAX_TOPICS} topics and about {@value #RECORD_BUDGET} records a sample. A topic with many partitions is
 * read with fewer records a partition (never fewer than {@value #MIN_PER_PARTITION}); one that would not fit
 * even so is left out, except the first. A small cluster (the demo's two topics) is sampled whole, as before.
 */
final class HotKeyScope {

    static final int MAX_TOPICS = 16;
    static final int RECORD_BUDGET = 50_000;
    static final int MIN_PER_PARTITION = 20;

    /** A topic to sample, with how many records a partition to read. */
    record Topic(String name, int perPartition) {
    }

    private HotKeyScope() {
    }

    /** @param opened the groups opened on screen, the most recently opened last */
    static List<Topic> of(LagRefresh refresh, List<String> opened, int keysPerPartition) {
        Map<String, Set<Integer>> partitions = new HashMap<>();
        Map<String, GroupLag> byId = new HashMap<>();
        for (GroupLag g : refresh.groups()) {
            byId.put(g.groupId(), g);
            g.partitions().forEach(p -> partitions.computeIfAbsent(p.id().topic(), t -> new HashSet<>())
                    .add(p.id().partition()));
        }
        LinkedHashSet<String> wanted = new LinkedHashSet<>();
        for (int i = opened.size() - 1; i >= 0; i--) {
            GroupLag g = byId.get(opened.get(i));
            if (g != null) {
                g.partitions().forEach(p -> wanted.add(p.id().topic()));
            }
        }
        List<GroupLag> ranked = new ArrayList<>(refresh.groups());
        ranked.sort(GroupRanking.WORST_FIRST);
        ranked.forEach(g -> g.partitions().stream().filter(PartitionLag::hot).forEach(p -> wanted.add(p.id().topic())));
        ranked.forEach(g -> g.partitions().forEach(p -> wanted.add(p.id().topic())));

        List<Topic> out = new ArrayList<>();
        long left = RECORD_BUDGET;
        for (String topic : wanted) {
            if (out.size() == MAX_TOPICS) {
                break;
            }
            int count = partitions.get(topic).size();
            int per = (int) Math.min(keysPerPartition, left / count);
            if (per < MIN_PER_PARTITION) {
                if (!out.isEmpty()) {
                    continue;
                }
                per = MIN_PER_PARTITION;
            }
            out.add(new Topic(topic, per));
            left -= (long) per * count;
        }
        return out;
    }
}
