package dev.highwater.kafka.offsets;

import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.offsets.OffsetReset;
import dev.highwater.core.offsets.ResetException;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.core.offsets.ResetTarget;
import dev.highwater.core.text.ErrorText;
import dev.highwater.kafka.ClientFailure;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Offset resets for a consumer group, the way {@code kafka-consumer-groups --reset-offsets} does them: a preview
 * first (old and new offset per partition, nothing changed), then, only on a writable profile and only while the
 * group has no active members, the commit of the previewed offsets.
 */
public final class GroupOffsetReset implements OffsetReset {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ClientSettings client;
    private final boolean writable;
    private final String profileName;

    /**
     * @param writable    whether the profile allows writing actions; a read-only one refuses {@link #apply}
     * @param profileName the profile's name, for the refusal
     */
    public GroupOffsetReset(ClientSettings client, boolean writable, String profileName) {
        this.client = client;
        this.writable = writable;
        this.profileName = profileName;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public ResetPlan preview(String group, Collection<String> topics, ResetTarget target) {
        try (Admin admin = Admin.create(client.admin("highwater-offset-reset"))) {
            ConsumerGroupDescription description = describe(admin, group);
            Map<TopicPartition, OffsetAndMetadata> committedNow = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Set<TopicPartition> partitions = topics.isEmpty()
                    ? committedNow.keySet()
                    : partitionsOf(admin, topics);
            if (target instanceof ResetTarget.ToOffsets listed) {
                partitions = listedPartitions(admin, listed); // only those the file names
            }
            Map<PartitionId, Long> committed = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata o = committedNow.get(tp);
                committed.put(id(tp), o == null ? null : o.offset());
            }
            Map<PartitionId, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
            Map<PartitionId, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
            Map<PartitionId, Long> atInstant = target instanceof ResetTarget.ToInstant i
                    ? offsets(admin, partitions, OffsetSpec.forTimestamp(i.at().toEpochMilli())) : Map.of();
            return ResetPlan.of(group, target, committed, earliest, latest, atInstant, description.members().size(),
                    description.groupState().toString());
        } catch (ExecutionException e) {
            throw explain(group, e.getCause());
        } catch (TimeoutException e) {
            throw new ResetException("The cluster at " + client.bootstrapServers() + " did not answer within "
                    + TIMEOUT.toSeconds() + " s; check that it is running.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResetException("Interrupted while previewing the reset of " + group + ".");
        }
    }

    /**
     * Commits a previewed plan's offsets. Refused on a read-only profile, and while the group has active
     * members (checked again now, not only at preview time).
     */
    @Override
    public void apply(ResetPlan plan) {
        if (!writable) {
            throw new ResetException("Profile " + profileName + " is read-only: offset resets are off. Make the"
                    + " profile writable in its settings to reset offsets (each reset is still confirmed).");
        }
        try (Admin admin = Admin.create(client.admin("highwater-offset-reset"))) {
            ConsumerGroupDescription now = describe(admin, plan.group());
            if (!now.members().isEmpty()) {
                throw new ResetException(new ResetPlan(plan.group(), plan.target(), plan.partitions(),
                        now.members().size(), now.groupState().toString()).refusal());
            }
            if (plan.refusal() != null) {
                throw new ResetException(plan.refusal());
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            plan.newOffsets().forEach((tp, o) -> offsets.put(new TopicPartition(tp.topic(), tp.partition()),
                    new OffsetAndMetadata(o)));
            admin.alterConsumerGroupOffsets(plan.group(), offsets).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw explain(plan.group(), e.getCause());
        } catch (TimeoutException e) {
            throw new ResetException("The cluster at " + client.bootstrapServers() + " did not confirm the reset"
                    + " within " + TIMEOUT.toSeconds() + " s; preview again to see whether it was applied.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResetException("Interrupted while resetting " + plan.group() + "; preview again to see"
                    + " whether it was applied.");
        }
    }

    private static ConsumerGroupDescription describe(Admin admin, String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The partitions of the chosen topics; a topic the cluster does not have is named in the refusal. */
    private Set<TopicPartition> partitionsOf(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<TopicPartition> partitions = new HashSet<>();
        Set<String> missing = new TreeSet<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> t : admin.describeTopics(topics).topicNameValues()
                .entrySet()) {
            try {
                t.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).partitions()
                        .forEach(p -> partitions.add(new TopicPartition(t.getKey(), p.partition())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                missing.add(t.getKey());
            }
        }
        if (!missing.isEmpty()) {
            String which = missing.size() == 1 ? "Topic " + missing.iterator().next() + " does not exist"
                    : "Topics " + String.join(", ", missing) + " do not exist";
            throw new ResetException(which + " on " + client.bootstrapServers() + ".");
        }
        return partitions;
    }

    /** The partitions a list of offsets names; a topic or partition the cluster does not have is named. */
    private Set<TopicPartition> listedPartitions(Admin admin, ResetTarget.ToOffsets listed)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> topics = new TreeSet<>();
        listed.offsets().keySet().forEach(p -> topics.add(p.topic()));
        Set<TopicPartition> existing = partitionsOf(admin, topics);
        Set<TopicPartition> partitions = new HashSet<>();
        for (PartitionId p : listed.offsets().keySet()) {
            TopicPartition tp = new TopicPartition(p.topic(), p.partition());
            if (!existing.contains(tp)) {
                long count = existing.stream().filter(e -> e.topic().equals(p.topic())).count();
                throw new ResetException("Partition " + p.partition() + " of " + p.topic() + " does not exist on "
                        + client.bootstrapServers() + " (" + p.topic() + " has " + count + " partition"
                        + (count == 1 ? "" : "s") + ").");
            }
            partitions.add(tp);
        }
        return partitions;
    }

    private static Map<PartitionId, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        partitions.forEach(tp -> ask.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> got = admin.listOffsets(ask).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<PartitionId, Long> out = new HashMap<>();
        got.forEach((tp, info) -> {
            if (info.offset() >= 0) {
                out.put(id(tp), info.offset()); // -1: no record at or after a timestamp
            }
        });
        return out;
    }

    private ResetException explain(String group, Throwable cause) {
        if (cause instanceof GroupNotEmptyException) {
            return new ResetException("Group " + group + " has active members; Kafka changes a group's offsets only"
                    + " while it has none: stop its consumers, then reset.");
        }
        if (cause instanceof GroupIdNotFoundException) {
            return new ResetException("There is no consumer group " + group + " on " + client.bootstrapServers() + ".");
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new ResetException("A chosen topic does not exist on " + client.bootstrapServers() + ".");
        }
        return new ResetException(ClientFailure.definite(client, cause)
                .orElseGet(() -> "The reset of " + group + " failed: " + ErrorText.rootMessage(cause)));
    }

    private static PartitionId id(TopicPartition tp) {
        return new PartitionId(tp.topic(), tp.partition());
    }
}
