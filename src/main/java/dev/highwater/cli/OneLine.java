package dev.highwater.cli;

import dev.highwater.core.text.ErrorText;

/** Turns a failure into the one line a user reads: the message that explains it, never a stack trace. */
public final class OneLine {

    private OneLine() {
    }

    public static String of(Throwable e) {
        return ErrorText.oneLine(e);
    }
}
