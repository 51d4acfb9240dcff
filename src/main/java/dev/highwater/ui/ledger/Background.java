package dev.highwater.ui.ledger;

import dev.highwater.core.Closeables;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The threads the Ledger models work on, and how the sources they open are let go. */
final class Background {

    private Background() {
    }

    /** One daemon thread, so a screen left open never keeps the app from exiting. */
    static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    static void closeQuietly(AutoCloseable c) {
        Closeables.closeQuietly(c);
    }
}
