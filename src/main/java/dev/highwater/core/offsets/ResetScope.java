package dev.highwater.core.offsets;

import dev.highwater.core.lag.PartitionId;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a reset covers: whole topics, or chosen partitions of them, as kafka-consumer-groups' {@code --topic T},
 * {@code T:P} and {@code T:P1,P2} say; no topic at all is every topic the group committed on. Skipping one record
 * is a reset of its partition alone.
 *
 * @param topics each topic chosen, with its chosen partitions; an empty set is every partition of the topic
 */
public record ResetScope(Map<String, SortedSet<Integer>> topics) {

    /** Every topic the group committed on. */
    public static final ResetScope EVERY_TOPIC = new ResetScope(Map.of());

    public ResetScope {
        Map<String, SortedSet<Integer>> copy = new TreeMap<>();
        topics.forEach((t, ps) -> copy.put(t, Collections.unmodifiableSortedSet(new TreeSet<>(ps))));
        topics = Collections.unmodifiableMap(copy);
    }

    /** One partition alone. */
    public static ResetScope of(PartitionId partition) {
        return new ResetScope(Map.of(partition.topic(), new TreeSet<>(List.of(partition.partition()))));
    }

    /**
     * Reads {@code --topic} values: {@code T}, {@code T:P} or {@code T:P1,P2}. A topic named twice gets the
     * partitions of both, or all of them when one names none. A bad value is an IllegalArgumentException whose
     * message is one sentence.
     */
    public static ResetScope parse(List<String> specs) {
        Map<String, SortedSet<Integer>> topics = new TreeMap<>();
        for (String spec : specs) {
            String s = spec.strip();
            int colon = s.lastIndexOf(':'); // Kafka topic names hold no colon
            String topic = colon < 0 ? s : s.substring(0, colon).strip();
            if (topic.isEmpty()) {
                throw new IllegalArgumentException("--topic '" + spec + "' names no topic; write T, T:P or T:P1,P2,"
                        + " e.g. orders:0,2");
            }
            SortedSet<Integer> partitions = colon < 0 ? new TreeSet<>() : partitions(spec, s.substring(colon + 1));
            SortedSet<Integer> before = topics.get(topic);
            if (before == null) {
                topics.put(topic, partitions);
            } else if (before.isEmpty() || partitions.isEmpty()) {
                before.clear(); // the whole topic was asked for once: all of it
            } else {
                before.addAll(partitions);
            }
        }
        return new ResetScope(topics);
    }

    private static SortedSet<Integer> partitions(String spec, String list) {
        SortedSet<Integer> partitions = new TreeSet<>();
        for (String p : list.split(",", -1)) {
            try {
                int n = Integer.parseInt(p.strip());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                partitions.add(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--topic '" + spec + "': '" + p.strip() + "' is not a partition"
                        + " number; write T:P or T:P1,P2 with partitions of 0 or more, e.g. orders:0,2");
            }
        }
        return partitions;
    }

    /** Whether a line of a plan is in the scope. */
    public boolean covers(PartitionId partition) {
        SortedSet<Integer> chosen = topics.get(partition.topic());
        return topics.isEmpty() || chosen != null && (chosen.isEmpty() || chosen.contains(partition.partition()));
    }

    /**
     * The lines of a plan of this scope's topics that the scope covers. A chosen partition the plan has no line
     * for (the topic has fewer partitions) is a {@link ResetException} that says which the topic has.
     */
    public ResetPlan narrow(ResetPlan plan) {
        topics.forEach((topic, chosen) -> {
            SortedSet<Integer> has = plan.partitions().stream().map(PartitionReset::partition)
                    .filter(p -> p.topic().equals(topic)).map(PartitionId::partition)
                    .collect(Collectors.toCollection(TreeSet::new));
            for (int p : chosen) {
                if (!has.contains(p)) {
                    throw new ResetException("Topic " + topic + " has no partition " + p + (has.isEmpty() ? ""
                            : has.size() == 1 ? "; it has partition " + has.first()
                            : "; it has partitions " + has.first() + " to " + has.last()) + ".");
                }
            }
        });
        List<PartitionReset> kept = plan.partitions().stream().filter(l -> covers(l.partition())).toList();
        return new ResetPlan(plan.group(), plan.target(), kept, plan.activeMembers(), plan.groupState());
    }

    /** In words: "every topic the group committed on", "orders", "orders partition 2", "orders partitions 0, 2". */
    public String describe() {
        if (topics.isEmpty()) {
            return "every topic the group committed on";
        }
        return topics.entrySet().stream().map(e -> e.getValue().isEmpty() ? e.getKey()
                        : e.getKey() + (e.getValue().size() == 1 ? " partition " : " partitions ")
                        + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }
}
