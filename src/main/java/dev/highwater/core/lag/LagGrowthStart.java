package dev.highwater.core.lag;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * When a group's lag in seconds began to grow, found in its lag history, for "rewind to when it started". Only the
 * group's totals count (one sample per refresh, whose lag in seconds is the largest of its partitions'); samples
 * whose lag in seconds is unknown are left out. Then, precisely:
 * <ul>
 *   <li>the group's <em>floor</em> is the lowest lag in seconds in the history: the group at its best;</li>
 *   <li>the lag is growing when the latest sample is more than {@value #MIN_GROWTH_SECONDS} s above the floor,
 *       more than the saw-tooth of a consumer that commits every few seconds (Kafka's default is every 5 s);</li>
 *   <li>the <em>start</em> is then the last sample within {@value #NEAR_FLOOR_SECONDS} s of the floor: every
 *       sample after it is further above, so the lag rose from there and stayed up. A consumer that recovered and
 *       fell behind again starts from its latest recovery; one that was behind when the history began starts from
 *       its first samples.</li>
 * </ul>
 * The rewind instant is the start's time less its lag in seconds: when the oldest record the group had not
 * consumed at the start was written, so a reset to it puts the group back where it stood when its lag began to
 * grow (for a consumer that stopped, that is the instant it stopped, whichever sample near the floor is taken).
 */
public sealed interface LagGrowthStart {

    double MIN_GROWTH_SECONDS = 10;
    double NEAR_FLOOR_SECONDS = 5;

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
        LagSample floor = known.getFirst();
        for (LagSample k : known) {
            if (k.lagSeconds() <= floor.lagSeconds()) {
                floor = k; // the latest of the lowest
            }
        }
        if (latest.lagSeconds() - floor.lagSeconds() <= MIN_GROWTH_SECONDS) {
            return new NotFound("The lag of " + group + " is not growing: " + seconds(latest.lagSeconds()) + " at "
                    + at(latest.atMillis()) + ", within " + seconds(MIN_GROWTH_SECONDS) + " of its lowest, "
                    + seconds(floor.lagSeconds()) + " at " + at(floor.atMillis()) + ", so there is no start to"
                    + " rewind to.");
        }
        LagSample start = floor;
        for (LagSample k : known) {
            if (k.atMillis() > start.atMillis() && k.lagSeconds() <= floor.lagSeconds() + NEAR_FLOOR_SECONDS) {
                start = k;
            }
        }
        Instant startedAt = Instant.ofEpochMilli(start.atMillis());
        return new Found(startedAt, start.lagSeconds(), Instant.ofEpochMilli(latest.atMillis()),
                latest.lagSeconds(), startedAt.minusMillis(Math.round(start.lagSeconds() * 1000)));
    }

    private static String at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String at(long millis) {
        return at(Instant.ofEpochMilli(millis));
    }

    private static String seconds(double s) {
        return LagFormat.seconds(s);
    }
}
