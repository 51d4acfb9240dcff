package dev.highwater.core.report;

/** A report cannot be made; the message is one sentence that says what to do. */
public final class ReportException extends RuntimeException {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
