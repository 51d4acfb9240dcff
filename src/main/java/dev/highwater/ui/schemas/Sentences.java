package dev.highwater.ui.schemas;

/** A failure's message as the screen shows it: one sentence, capitalised and ended. */
final class Sentences {

    private Sentences() {
    }

    /** The failure as a sentence of its own. */
    static String of(Throwable e) {
        String m = inline(e);
        m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return m.endsWith(".") || m.endsWith("?") || m.endsWith("!") ? m : m + ".";
    }

    /** The failure as part of a sentence: without its final full stop. */
    static String inline(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = "the registry failed (" + e.getClass().getSimpleName() + ")";
        }
        m = m.strip();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
