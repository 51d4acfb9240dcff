package dev.highwater.ui;

import javafx.application.Platform;

/** Where a model hands work to the UI thread; a test hands it to its own thread. */
@FunctionalInterface
public interface UiThread {

    void post(Runnable task);

    static UiThread fx() {
        return Platform::runLater;
    }

    static UiThread direct() {
        return Runnable::run;
    }
}
