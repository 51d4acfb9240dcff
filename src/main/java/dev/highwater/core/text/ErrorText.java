package dev.highwater.core.text;

/**
 * A failure as the words a user reads: the message that explains it, never a stack trace. The command line
 * prints it on one line, the screens as a sentence, and the adapters quote the innermost cause.
 */
public final class ErrorText {

    private ErrorText() {
    }

    /** The innermost cause's message, or the name of its type when it has none. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return said(t.getMessage()) ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** The first message down the chain of causes that says something, with its line breaks made spaces. */
    public static String oneLine(Throwable e) {
        return firstMessage(e).replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The first line of that message, starting with a capital and ending with a period. */
    public static String sentence(Throwable e) {
        String m = firstMessage(e).lines().filter(ErrorText::said).findFirst().orElseThrow().strip();
        return Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
    }

    /** Never blank: an exception that says nothing, nor has a cause that does, is named by its type. */
    private static String firstMessage(Throwable e) {
        Throwable t = e;
        while (!said(t.getMessage()) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return said(t.getMessage()) ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static boolean said(String message) {
        return message != null && !message.isBlank();
    }
}
