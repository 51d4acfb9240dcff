package dev.highwater.cli;

/** Turns a failure into the one line a user reads: the message that explains it, never a stack trace. */
public final class OneLine {

    private OneLine() {
    }

    public static String of(Throwable e) {
        String message = e.getMessage();
        Throwable t = e;
        while ((message == null || message.isBlank()) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            message = t.getMessage();
        }
        if (message == null || message.isBlank()) {
            message = t.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
