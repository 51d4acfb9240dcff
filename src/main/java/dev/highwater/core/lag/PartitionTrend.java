package dev.highwater.core.lag;

/**
 * One partition's trend over the status window, judged in the spirit of Burrow's evaluator:
 * <ul>
 *   <li>a window needs at least {@value #MIN_SAMPLES} refreshes spanning at least half the status window;
 *       until then there is no judgement (consumers commit in batches, and a short window mistakes the
 *       commit saw-tooth for growth);</li>
 *   <li>if lag was 0 at any refresh in the window the partition is OK (Burrow's first rule: a consumer that
 *       caught up even once is keeping up; it also keeps a quiet partition's first new record from looking
 *       stuck);</li>
 *   <li>STALLED: the committed offset stood still over the whole window while lag grew;</li>
 *   <li>LAGGING: commits moved but lag grew from the first to the last refresh and rose or held in at least
 *       three intervals of four. Burrow asks for growth in every interval; consumers commit in batches, so lag
 *       saw-tooths between refreshes, and an occasional dip must not hide a partition that falls behind;</li>
 *   <li>OK otherwise. A stuck offset whose lag does not grow is OK: nothing new arrived, and a transactional
 *       topic can leave a lag of 1 (the commit marker) forever.</li>
 * </ul>
 */
record PartitionTrend(PartitionId id, GroupStatus status, long fromLag, long toLag, long fromCommitted,
                      long toCommitted, long spanMillis) {

    static final int MIN_SAMPLES = 3;

    /** Judges the window; null when it holds too few refreshes. */
    static PartitionTrend judge(PartitionId id, SampleWindow<GroupTracker.CommitSample> window, long minSpanMillis) {
        if (window.size() < MIN_SAMPLES || window.last().at() - window.first().at() < minSpanMillis) {
            return null;
        }
        GroupTracker.CommitSample first = window.first();
        GroupTracker.CommitSample last = window.last();
        int intervals = 0;
        int risingOrHeld = 0;
        boolean touchedZero = false;
        long previous = -1;
        for (GroupTracker.CommitSample s : window.samples()) {
            touchedZero |= s.lag() == 0;
            if (previous >= 0) {
                intervals++;
                if (s.lag() >= previous) {
                    risingOrHeld++;
                }
            }
            previous = s.lag();
        }
        boolean grew = last.lag() > first.lag();
        boolean committedMoved = last.committed() != first.committed();
        GroupStatus status = GroupStatus.OK;
        if (!touchedZero && grew && !committedMoved) {
            status = GroupStatus.STALLED;
        } else if (!touchedZero && grew && risingOrHeld * 4 >= intervals * 3) {
            status = GroupStatus.LAGGING;
        }
        return new PartitionTrend(id, status, first.lag(), last.lag(), first.committed(), last.committed(),
                last.at() - first.at());
    }

    long growth() {
        return toLag - fromLag;
    }

    /** Records committed per second across the window. */
    double commitRate() {
        return spanMillis <= 0 ? 0 : (toCommitted - fromCommitted) * 1000.0 / spanMillis;
    }
}
