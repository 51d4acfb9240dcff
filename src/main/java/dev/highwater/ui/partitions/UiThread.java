package dev.highwater.ui.partitions;

import javafx.application.Platform;

/**
 * Runs work on the UI thread. Models post through this instead of calling {@link Platform#runLater} so that a
 * test can run the same model without a toolkit.
 */
@FunctionalInterface
public interface UiThread {

    void post(Runnable work);

    /** The JavaFX application thread. */
    static UiThread javaFx() {
        return Platform::runLater;
    }
}
