package dev.highwater.kafka.lag;

import dev.highwater.core.lag.ListedGroup;
import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.OffsetsSnapshot.GroupOffsets;
import dev.highwater.core.lag.OffsetsSnapshot.LogOffsets;
import dev.highwater.core.lag.OffsetsSnapshot.Member;
import dev.highwater.core.lag.OffsetsSnapshot.RecordTime;
import dev.highwater.core.lag.OffsetsSource;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.kafka.ClientFailure;
import dev.highwater.core.connect.ClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Reads group offsets, log offsets and the time of each group's oldest unconsumed record from a cluster, with
 * batched Admin calls (a handful of requests per refresh, whatever the number of groups) and a group-less
 * consumer. Read-only: it describes and lists, and never joins, commits for or alters a group.
 */
public final class KafkaOffsetsSource implements OffsetsSource {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECORD_TIME_BUDGET = Duration.ofSeconds(3);

    /** Null after a refusal until the cluster is asked again: a closed client retries nothing on its own. */
    private volatile Admin admin;
    private volatile boolean closed;
    private final RefusalBackoff refusals;
    private final RecordTimeReader times;
    private final Clock clock;
    private final String bootstrap;
    private final ClientSettings settings;
    private volatile String clusterId;

    public KafkaOffsetsSource(ClientSettings settings, Clock clock) {
        this.settings = settings;
        this.admin = Admin.create(settings.admin("highwater-lag"));
        this.refusals = new RefusalBackoff(clock);
        this.times = new RecordTimeReader(settings);
        this.clock = clock;
        this.bootstrap = settings.bootstrapServers();
    }

    @Override
    public synchronized Set<String> groups() {
        String refused = refusals.standingRefusal();
        if (refused != null) {
            throw new IllegalStateException(refused);
        }
        try {
            Set<String> groups = get(admin().listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream()
                    .map(GroupListing::groupId).collect(Collectors.toCollection(TreeSet::new));
            refusals.answered();
            return groups;
        } catch (ReadFailure e) {
            noteIfRefused(e);
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<ListedGroup> listGroups() {
        String refused = refusals.standingRefusal();
        if (refused != null) {
            throw new IllegalStateException(refused);
        }
        try {
            Admin admin = admin();
            Map<String, String> states = new TreeMap<>();
            for (GroupListing g : get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
                states.put(g.groupId(), g.groupState().map(Object::toString).orElse("Unknown"));
            }
            // one batched request per coordinator for all the member counts
            var described = admin.describeConsumerGroups(states.keySet()).describedGroups();
            List<ListedGroup> listed = new ArrayList<>(states.size());
            for (Map.Entry<String, String> e : states.entrySet()) {
                var d = ifExists(described.get(e.getKey()));
                listed.add(new ListedGroup(e.getKey(), d.map(KafkaOffsetsSource::state).orElse(e.getValue()),
                        d.map(x -> x.members().size()).orElse(0)));
            }
            refusals.answered();
            return listed;
        } catch (ReadFailure e) {
            noteIfRefused(e);
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public OffsetsSnapshot read(Set<String> wanted) {
        return read(wanted, Set.of());
    }

    /** As {@link #read(Set)}; the partitions of other topics than these (when given) are never read. */
    @Override
    public synchronized OffsetsSnapshot read(Set<String> wanted, Set<String> topics) {
        String refused = refusals.standingRefusal();
        if (refused != null) {
            return OffsetsSnapshot.disconnected(clock.millis(), refused);
        }
        try {
            Admin admin = admin();
            // asked at every read, alongside the rest: a broker restarted at this address may be a new cluster
            KafkaFuture<String> id = admin.describeCluster().clusterId();
            Set<String> groupIds = wanted.isEmpty() ? groups() : wanted;
            var describeResult = admin.describeConsumerGroups(groupIds).describedGroups();
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            groupIds.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
            var offsetsResult = admin.listConsumerGroupOffsets(specs);
            Map<String, ConsumerGroupDescription> described = new HashMap<>();
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            for (String g : groupIds) {
                // a group that does not exist (any more) is reported as such, not as a failed refresh
                ifExists(describeResult.get(g)).ifPresent(d -> described.put(g, d));
                ifExists(offsetsResult.partitionsToOffsetAndMetadata(g)).ifPresent(o -> committed.put(g, new HashMap<>(o)));
            }
            if (!topics.isEmpty()) {
                committed.values().forEach(m -> m.keySet().removeIf(tp -> !topics.contains(tp.topic())));
            }
            Set<TopicPartition> partitions = new HashSet<>();
            committed.values().forEach(m -> partitions.addAll(m.keySet()));
            described.values().forEach(d -> d.members().forEach(m -> m.assignment().topicPartitions().stream()
                    .filter(tp -> topics.isEmpty() || topics.contains(tp.topic())).forEach(partitions::add)));
            partitions.addAll(allPartitionsOf(partitions));
            Map<TopicPartition, long[]> bounds = logBounds(partitions);

            Map<TopicPartition, NavigableSet<Long>> lagging = new HashMap<>();
            committed.values().forEach(m -> m.forEach((tp, om) -> {
                long[] b = bounds.get(tp);
                if (om != null && b != null && om.offset() < b[1]) {
                    lagging.computeIfAbsent(tp, k -> new TreeSet<>()).add(om.offset());
                }
            }));
            Map<TopicPartition, Map<Long, RecordTime>> recordTimes =
                    times.timesAt(lagging, bounds, RECORD_TIME_BUDGET);
            Map<PartitionId, LogOffsets> logs = new HashMap<>();
            bounds.forEach((tp, b) -> logs.put(id(tp), new LogOffsets(id(tp), b[0], b[1])));
            List<GroupOffsets> groups = new ArrayList<>();
            for (String g : groupIds) {
                groups.add(group(g, described.get(g), committed.getOrDefault(g, Map.of()), bounds, recordTimes));
            }
            clusterId = get(id);
            refusals.answered();
            return new OffsetsSnapshot(clock.millis(), null, logs, groups);
        } catch (ReadFailure e) {
            noteIfRefused(e);
            return OffsetsSnapshot.disconnected(clock.millis(), e.getMessage());
        } catch (IllegalStateException e) {
            return OffsetsSnapshot.disconnected(clock.millis(), e.getMessage()); // already one sentence
        } catch (KafkaException e) {
            return OffsetsSnapshot.disconnected(clock.millis(), "Reading offsets from " + bootstrap + " failed: "
                    + e.getMessage());
        }
    }

    private static GroupOffsets group(String groupId, ConsumerGroupDescription d,
                                      Map<TopicPartition, OffsetAndMetadata> committed,
                                      Map<TopicPartition, long[]> bounds,
                                      Map<TopicPartition, Map<Long, RecordTime>> recordTimes) {
        Map<PartitionId, Long> offsets = new HashMap<>();
        Map<PartitionId, RecordTime> timesForGroup = new HashMap<>();
        committed.forEach((tp, om) -> {
            if (om == null || !bounds.containsKey(tp)) {
                return; // never committed here, or the topic is gone
            }
            offsets.put(id(tp), om.offset());
            RecordTime t = recordTimes.getOrDefault(tp, Map.of()).get(om.offset());
            if (t != null) {
                timesForGroup.put(id(tp), t);
            }
        });
        List<Member> members = new ArrayList<>();
        String state = "Dead";
        if (d != null) {
            state = state(d);
            for (MemberDescription m : d.members()) {
                Set<PartitionId> assigned = m.assignment().topicPartitions().stream()
                        .filter(bounds::containsKey).map(KafkaOffsetsSource::id).collect(Collectors.toSet());
                members.add(new Member(m.consumerId(), m.clientId(), m.host(), assigned));
            }
        }
        return new GroupOffsets(groupId, state, members, offsets, timesForGroup);
    }

    private static String state(ConsumerGroupDescription d) {
        return d.groupState() == null ? "Unknown" : d.groupState().toString();
    }

    private Admin admin() {
        if (closed) {
            throw new IllegalStateException("The offsets source for " + bootstrap + " is closed.");
        }
        if (admin == null) {
            admin = Admin.create(settings.admin("highwater-lag"));
        }
        return admin;
    }

    /** A refusal closes the client until the cluster is asked again (see {@link RefusalBackoff}). */
    private void noteIfRefused(ReadFailure e) {
        if (e.refused && admin != null) {
            refusals.refused(e.getMessage());
            admin.close(Duration.ZERO);
            admin = null;
        }
    }

    /** Every partition of the topics involved, so a partition the group never committed on shows as such. */
    private Set<TopicPartition> allPartitionsOf(Set<TopicPartition> known) throws ReadFailure {
        Set<String> topics = known.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        Set<TopicPartition> all = new HashSet<>();
        admin().describeTopics(topics).topicNameValues().forEach((topic, future) -> {
            try {
                get(future).partitions().forEach(p -> all.add(new TopicPartition(topic, p.partition())));
            } catch (ReadFailure e) {
                // a deleted topic: its partitions drop out below
            }
        });
        return all;
    }

    /** First and next offsets per partition; partitions of deleted topics are left out. */
    private Map<TopicPartition, long[]> logBounds(Set<TopicPartition> partitions) throws ReadFailure {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> {
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        });
        var starts = admin().listOffsets(earliest);
        var ends = admin().listOffsets(latest);
        Map<TopicPartition, long[]> bounds = new HashMap<>();
        for (TopicPartition tp : partitions) {
            try {
                ListOffsetsResultInfo s = get(starts.partitionResult(tp));
                ListOffsetsResultInfo e = get(ends.partitionResult(tp));
                bounds.put(tp, new long[] {s.offset(), e.offset()});
            } catch (ReadFailure missing) {
                if (!(missing.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw missing;
                }
            }
        }
        return bounds;
    }

    private <T> java.util.Optional<T> ifExists(KafkaFuture<T> future) throws ReadFailure {
        try {
            return java.util.Optional.ofNullable(get(future));
        } catch (ReadFailure e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    private static PartitionId id(TopicPartition tp) {
        return new PartitionId(tp.topic(), tp.partition());
    }

    private <T> T get(KafkaFuture<T> future) throws ReadFailure {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ReadFailure("No answer from " + bootstrap + " within " + CALL_TIMEOUT.toSeconds()
                    + " s: check the address and that the cluster is up", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            var refusal = ClientFailure.definite(settings, cause);
            throw new ReadFailure(refusal.orElseGet(() -> "Reading offsets from " + bootstrap + " failed: "
                    + cause.getMessage()), cause, refusal.isPresent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailure("Interrupted while reading offsets", e);
        }
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public void close() {
        closed = true;
        // every read waits for its own calls, so a call still pending here is one a read gave up on (a cluster
        // that did not answer): waiting for it would only delay the "no answer within" a caller is about to say
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ZERO);
        }
        times.close();
    }

    /** A read that failed, with the sentence to show. */
    private static final class ReadFailure extends Exception {
        /** The cluster refused the settings (see {@link ClientFailure#definite}), rather than not answering. */
        final boolean refused;

        ReadFailure(String message, Throwable cause) {
            this(message, cause, false);
        }

        ReadFailure(String message, Throwable cause, boolean refused) {
            super(message, cause);
            this.refused = refused;
        }
    }
}
