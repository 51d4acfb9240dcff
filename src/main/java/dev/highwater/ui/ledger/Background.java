package dev.highwater.ui.ledger;

import dev.highwater.core.DaemonThreads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads the Ledger models work on: each model has one, so that its work runs in order (a replay's source is
 * closed before the next one opens); the composition's background tasks are a pool that keeps no order.
 */
final class Background {

    private Background() {
    }

    /** One daemon thread, so a screen left open never keeps the app from exiting. */
    static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(DaemonThreads.named(name));
    }
}
