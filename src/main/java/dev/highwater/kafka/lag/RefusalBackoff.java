package dev.highwater.kafka.lag;

import java.time.Clock;
import java.time.Duration;

/**
 * A cluster that refused a client's settings (credentials, certificate, SASL on a listener without it) refuses
 * them again on every attempt, and the client library logs an error for each: asked once a second, that is a
 * screenful a minute saying the same thing. After a refusal the reason stands without asking, and the cluster
 * is asked again after a delay that doubles up to five minutes, as its side may be fixed meanwhile (a password
 * reset, a certificate renewed).
 */
final class RefusalBackoff {

    static final Duration FIRST_DELAY = Duration.ofSeconds(15);
    static final Duration LONGEST_DELAY = Duration.ofMinutes(5);

    private final Clock clock;
    private String reason;
    private long askAgainAtMillis;
    private Duration nextDelay = FIRST_DELAY;

    RefusalBackoff(Clock clock) {
        this.clock = clock;
    }

    /** The refusal to answer with instead of asking the cluster, or null when it may be asked now. */
    synchronized String standingRefusal() {
        return reason != null && clock.millis() < askAgainAtMillis ? reason : null;
    }

    synchronized void refused(String why) {
        reason = why;
        askAgainAtMillis = clock.millis() + nextDelay.toMillis();
        Duration doubled = nextDelay.multipliedBy(2);
        nextDelay = doubled.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : doubled;
    }

    synchronized void answered() {
        reason = null;
        nextDelay = FIRST_DELAY;
    }
}
