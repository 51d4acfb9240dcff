package dev.highwater.core.notify;

import dev.highwater.core.lag.Alert;

/**
 * What leaves the app when one of the console's alerts is raised or cleared (or when the user sends a test): the
 * alert's own words and times, and which cluster and profile it is about.
 *
 * @param kind      raised, cleared, or a test the user asked for
 * @param key       which condition it is across refreshes ("total-lag:billing"); "test" for a test
 * @param group     the group it concerns, null for a cluster-wide alert ("disconnected") and a test
 * @param raisedAt  epoch millis
 * @param clearedAt epoch millis for a cleared alert, null otherwise
 * @param cluster   the cluster's bootstrap servers
 * @param profile   the connection profile's name
 */
public record AlertEvent(Kind kind, String key, Alert.Severity severity, String group, String message,
                         long raisedAt, Long clearedAt, String cluster, String profile) {

    /** What happened to the alert. */
    public enum Kind {
        RAISED("raised"), CLEARED("cleared"), TEST("test");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** "raised", "cleared" or "test", as the webhook's {@code event} field and the text say it. */
        public String word() {
            return word;
        }
    }

    public static final String TEST_KEY = "test";

    public AlertEvent {
        message = message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip(); // one line
        cluster = cluster == null ? "" : cluster;
        profile = profile == null ? "" : profile;
    }

    static AlertEvent raised(Alert a, String cluster, String profile) {
        return new AlertEvent(Kind.RAISED, a.key(), a.severity(), a.group(), a.message(), a.raisedAt(), null,
                cluster, profile);
    }

    static AlertEvent cleared(Alert a, long clearedAt, String cluster, String profile) {
        return new AlertEvent(Kind.CLEARED, a.key(), a.severity(), a.group(), a.message(), a.raisedAt(), clearedAt,
                cluster, profile);
    }

    /** A test the user sent from a profile, to see that alerts reach their receivers. */
    public static AlertEvent test(long atMillis, String cluster, String profile) {
        return new AlertEvent(Kind.TEST, TEST_KEY, Alert.Severity.WARNING, null,
                "A test alert from Highwater: alerts of this profile reach this receiver.", atMillis, null, cluster,
                profile);
    }

    /** Where it comes from, for a person: "prod-eu (broker1:9092)", or one of them when the other is blank. */
    public String source() {
        if (profile.isEmpty()) {
            return cluster;
        }
        return cluster.isEmpty() || cluster.equals(profile) ? profile : profile + " (" + cluster + ")";
    }

    /**
     * One line a chat channel shows as it is: what happened, its severity, where, and the alert's message:
     * "CRITICAL raised on prod-eu (broker1:9092): billing: total lag 612,000 is over the critical 500,000; …".
     */
    public String text() {
        String what = kind == Kind.TEST ? "TEST" : severity.name() + " " + kind.word();
        return what + " on " + source() + ": " + message;
    }
}
