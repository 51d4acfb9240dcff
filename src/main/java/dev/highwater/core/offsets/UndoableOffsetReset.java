package dev.highwater.core.offsets;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Offset resets that can be undone: before a plan is applied, the offsets the group has now are saved to an undo
 * file in the reset history, and when they cannot be saved the reset is not applied (the history's sentence says
 * why). The composition root wraps every offset reset it makes in this, so no front end can reset without it.
 * <p>
 * A reset refused before it starts (a read-only profile, active members at preview time) saves nothing. One that
 * fails after the offsets were saved keeps its undo file and its line in the history: a reset that timed out may
 * have been applied, and putting back the offsets the group had is always safe.
 */
public final class UndoableOffsetReset implements OffsetReset {

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9._/\\\\:@%+=,-]+");

    private final OffsetReset resets;
    private final ResetHistory history;
    private final String cluster;
    private final Clock clock;

    /** @param cluster the bootstrap servers the resets go to, kept with each so its undo command names them */
    public UndoableOffsetReset(OffsetReset resets, ResetHistory history, String cluster, Clock clock) {
        this.resets = resets;
        this.history = history;
        this.cluster = cluster;
        this.clock = clock;
    }

    @Override
    public boolean writable() {
        return resets.writable();
    }

    @Override
    public ResetPlan preview(String group, Collection<String> topics, ResetTarget target) {
        return resets.preview(group, topics, target);
    }

    @Override
    public void apply(ResetPlan plan) {
        applyUndoably(plan);
    }

    @Override
    public Optional<ResetRecord> applyUndoably(ResetPlan plan) {
        if (!resets.writable() || plan.refusal() != null) {
            resets.apply(plan); // refuses in its own words; there is nothing to undo
            return Optional.empty();
        }
        ResetRecord kept = history.keepBefore(plan, cluster, clock.instant());
        resets.apply(plan);
        return Optional.of(kept);
    }

    /**
     * Where the previous offsets went and how to put them back, in one sentence: "Previous offsets saved to FILE;
     * undo with: highwater reset-offsets --bootstrap B --group G --from-file FILE --execute" (a secured cluster
     * needs its --config too, as every command does).
     */
    public static String undoHint(ResetRecord kept) {
        return "Previous offsets saved to " + kept.undoFile() + "; undo with: " + undoCommand(kept);
    }

    /** The command that puts back the offsets saved before a reset. */
    public static String undoCommand(ResetRecord kept) {
        return "highwater reset-offsets --bootstrap " + (kept.cluster() == null ? "B" : shellWord(kept.cluster()))
                + " --group " + shellWord(kept.group()) + " --from-file "
                + shellWord(kept.undoFile().toString()) + " --execute";
    }

    /**
     * A word as a shell takes it: as it is when plain, else in double quotes, which POSIX shells and Windows'
     * alike read as one word (a Windows home folder may have a space).
     */
    static String shellWord(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word
                : "\"" + word.replace("\"", "\\\"") + "\"";
    }
}
