package dev.highwater.core.offsets;

import java.util.Collection;
import java.util.Optional;

/**
 * Offset resets for the consumer groups of one cluster, as one profile may do them: a preview first (old and new
 * offset per partition, nothing changed), then the commit of the previewed offsets, only on a writable profile
 * and only while the group has no active members. Failures are a {@link ResetException}.
 */
public interface OffsetReset {

    /** Whether the profile allows writing actions; a read-only one refuses {@link #apply}. */
    boolean writable();

    /**
     * Plans a reset; changes nothing.
     *
     * @param topics the topics to reset; empty: every topic the group has committed on
     */
    ResetPlan preview(String group, Collection<String> topics, ResetTarget target);

    /**
     * Plans a reset of the partitions a scope chooses (one partition, to skip a record); changes nothing. A chosen
     * partition its topic does not have is a {@link ResetException} that names it.
     */
    default ResetPlan preview(String group, ResetScope scope, ResetTarget target) {
        return scope.narrow(preview(group, scope.topics().keySet(), target));
    }

    /** Commits a previewed plan's offsets. */
    void apply(ResetPlan plan);

    /**
     * Commits a previewed plan's offsets as {@link #apply} does, and says where the offsets the group had before
     * were saved (the undo file), for the front end to tell the user. Empty from an implementation that keeps
     * none; the app's own keeps them always ({@link UndoableOffsetReset}).
     */
    default Optional<ResetRecord> applyUndoably(ResetPlan plan) {
        apply(plan);
        return Optional.empty();
    }
}
