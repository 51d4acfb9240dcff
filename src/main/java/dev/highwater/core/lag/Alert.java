package dev.highwater.core.lag;

/**
 * A condition that was raised and may since have cleared.
 *
 * @param key        identifies the condition (e.g. "hotspot:transaction-processor:transactions-7")
 * @param group      the group it concerns, null for a cluster-wide alert ("disconnected")
 * @param clearedAt  epoch millis, null while active
 */
public record Alert(String key, Severity severity, String group, String message, long raisedAt, Long clearedAt) {

    public enum Severity { WARNING, CRITICAL }

    public boolean active() {
        return clearedAt == null;
    }
}
