package dev.highwater.core.grpc;

/** A request's JSON does not fit its message type; the message names the field and why. */
public final class RequestJsonException extends IllegalArgumentException {

    private final String field;

    public RequestJsonException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The path of the offending field (e.g. "block.transactions[0].amount"), or null when it is the whole text. */
    public String field() {
        return field;
    }
}
