package dev.highwater.core.lag;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * When a group's lag in seconds began to grow, found in its lag history, for "rewind to when it started". Only the
 * group's totals count (one sample per refresh, whose lag in seconds is the largest of its partitions'); samples
 * whose lag in seconds is unknown are left out. Then, precisely:
 * <ul>
 *   <li>a <em>low point</em> is a sample whose lag in seconds is lower than at every later sample (the latest
 *       sample is one);</li>
 *   <li>the run of growth goes back from the latest sample through the low points before it, one by one, for as
 *       long as the lag in seconds rose from each to the next at {@value #MIN_PACE} of the clock's pace or faster
 *       (the pace at which the lag monitor calls a partition lagging). A consumer that keeps up has low points at a
 *       steady level however long ago, so the run stops at the last of them; a stalled one ages its oldest
 *       record at the clock's pace, and a saw-tooth of batch commits leaves the low points rising under it;</li>
 *   <li>the run's first low point is the <em>start</em>; it is growth when the lag in seconds rose by at least
 *       {@value #MIN_GROWTH_SECONDS} s from the start to the latest sample, more than the saw-tooth of a consumer
 *       that commits every few seconds (Kafka's default is every 5 s).</li>
 * </ul>
 * The rewind instant is the start's time less its lag in seconds: when the oldest record the group had not
 * consumed at the start was written, so a reset to it puts the group back where it stood when its lag began to
 * grow.
 */
public sealed interface LagGrowthStart {

    double MIN_PACE = 0.2;
    double MIN_GROWTH_SECONDS = 10;

    /**
     * The lag in seconds has grown since {@code startedAt}.
     *
     * @param startedAt   the start's time
     * @param fromSeconds its lag in seconds then
     * @param latestAt    the latest sample's time
     * @param nowSeconds  its lag in seconds
     * @param rewindTo    the start's time less its lag in seconds
     */
    record Found(Instant startedAt, double fromSeconds, Instant latestAt, double nowSeconds, Instant rewindTo)
            implements LagGrowthStart {

        /** In one sentence, for the preview. */
        public String describe(String group) {
            return "The lag of " + group + " began to grow at " + at(startedAt) + " (from " + seconds(fromSeconds)
                    + " to " + seconds(nowSeconds) + " at " + at(latestAt) + "): rewinding to " + at(rewindTo)
                    + ", when the oldest record it had not consumed then was written.";
        }
    }

    /** No growth to rewind to; the reason is one sentence. */
    record NotFound(String reason) implements LagGrowthStart {
    }

    /**
     * Finds the start of the latest growth in a group's samples, oldest first (partition rows among them are
     * left out); with no sample at all the reason says so, and the front end says how to collect history.
     */
    static LagGrowthStart find(String group, List<LagSample> samples) {
        List<LagSample> known = samples.stream()
                .filter(s -> s.isGroupTotal() && s.lagSeconds() != null && !s.lagSeconds().isNaN()).toList();
        if (known.isEmpty()) {
            return new NotFound(samples.isEmpty() ? "There is no lag history of " + group + "."
                    : "The lag history of " + group + " holds no lag in seconds (the times of its records could"
                    + " not be read), so when its lag began to grow is not known.");
        }
        LagSample latest = known.getLast();
        LagSample start = latest;
        for (int i = known.size() - 2; i >= 0; i--) {
            LagSample s = known.get(i);
            if (s.lagSeconds() >= start.lagSeconds()) {
                continue; // not a low point: a later sample is as low or lower
            }
            double elapsed = Math.max(0.001, (start.atMillis() - s.atMillis()) / 1000.0);
            if ((start.lagSeconds() - s.lagSeconds()) / elapsed < MIN_PACE) {
                break; // the lag sat at this level before: the run began after it
            }
            start = s;
        }
        double grew = latest.lagSeconds() - start.lagSeconds();
        if (grew < MIN_GROWTH_SECONDS) {
            return new NotFound("The lag of " + group + " is not growing: " + seconds(latest.lagSeconds())
                    + " at " + at(Instant.ofEpochMilli(latest.atMillis())) + ", up " + seconds(Math.max(0, grew))
                    + " from its low point at " + at(Instant.ofEpochMilli(start.atMillis())) + " (growth is a rise of "
                    + seconds(MIN_GROWTH_SECONDS) + " or more), so there is no start to rewind to.");
        }
        Instant startedAt = Instant.ofEpochMilli(start.atMillis());
        return new Found(startedAt, start.lagSeconds(), Instant.ofEpochMilli(latest.atMillis()),
                latest.lagSeconds(), startedAt.minusMillis(Math.round(start.lagSeconds() * 1000)));
    }

    private static String at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String seconds(double s) {
        return LagFormat.seconds(s);
    }
}
