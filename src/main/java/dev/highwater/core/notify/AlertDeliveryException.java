package dev.highwater.core.notify;

/**
 * An event that did not reach its channel: why, in a few words ("HTTP 404", "connection refused"), and what to do
 * ("fix the URL in the profile"). Neither holds a secret.
 */
public final class AlertDeliveryException extends RuntimeException {

    private final String reason;
    private final String advice;

    public AlertDeliveryException(String reason, String advice) {
        super(reason + "; " + advice);
        this.reason = reason;
        this.advice = advice;
    }

    public String reason() {
        return reason;
    }

    public String advice() {
        return advice;
    }
}
