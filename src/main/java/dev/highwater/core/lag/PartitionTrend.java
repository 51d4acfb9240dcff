package dev.highwater.core.lag;

import java.util.List;

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
 *       saw-tooths between refreshes, and an occasional dip must not hide a partition that falls behind.
 *       Where record times are known, the oldest unconsumed record must also be getting older (the low points
 *       of lag in seconds rise by at least {@value #MIN_AGEING_SECONDS} s over the window): lag in offsets
 *       also grows when traffic grows, for a consumer that keeps up;</li>
 *   <li>OK otherwise. A stuck offset whose lag does not grow is OK: nothing new arrived, and a transactional
 *       topic can leave a lag of 1 (the commit marker) forever.</li>
 * </ul>
 */
record PartitionTrend(PartitionId id, GroupStatus status, long fromLag, long toLag, long fromCommitted,
                      long toCommitted, long spanMillis) {

    static final int MIN_SAMPLES = 3;
    static final double MIN_AGEING_SECONDS = 0.5;
    static final double MIN_AGEING_PACE = 0.2;

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
        } else if (!touchedZero && grew && risingOrHeld * 4 >= intervals * 3 && ageing(window)) {
            status = GroupStatus.LAGGING;
        }
        return new PartitionTrend(id, status, first.lag(), last.lag(), first.committed(), last.committed(),
                last.at() - first.at());
    }

    /**
     * Whether the oldest unconsumed record gets older: the lowest lag in seconds of the window's later half
     * against that of its earlier half (the low points, right after commits, do not saw-tooth), by at least
     * {@value #MIN_AGEING_SECONDS} s and at a fifth of the clock's pace or more. A consumer that keeps up
     * holds its oldest record at a steady age however its lag in offsets moves with traffic. True when
     * record times are not known, so the offsets alone decide.
     */
    private static boolean ageing(SampleWindow<GroupTracker.CommitSample> window) {
        List<GroupTracker.CommitSample> samples = List.copyOf(window.samples());
        int half = samples.size() / 2;
        GroupTracker.CommitSample early = lowest(samples.subList(0, half));
        GroupTracker.CommitSample late = lowest(samples.subList(half, samples.size()));
        if (early == null || late == null) {
            return true;
        }
        double aged = late.lagSeconds() - early.lagSeconds();
        double elapsed = Math.max(0.001, (late.at() - early.at()) / 1000.0);
        return aged >= MIN_AGEING_SECONDS && aged / elapsed >= MIN_AGEING_PACE;
    }

    private static GroupTracker.CommitSample lowest(List<GroupTracker.CommitSample> samples) {
        GroupTracker.CommitSample min = null;
        for (GroupTracker.CommitSample s : samples) {
            if (s.lagSeconds() == null) {
                return null;
            }
            if (min == null || s.lagSeconds() < min.lagSeconds()) {
                min = s;
            }
        }
        return min;
    }

    long growth() {
        return toLag - fromLag;
    }

    /** Records committed per second across the window. */
    double commitRate() {
        return spanMillis <= 0 ? 0 : (toCommitted - fromCommitted) * 1000.0 / spanMillis;
    }
}
