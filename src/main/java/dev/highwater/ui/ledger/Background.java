package dev.highwater.ui.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The threads the Ledger models work on, and how the sources they open are let go. */
final class Background {

    private static final Logger log = LoggerFactory.getLogger(Background.class);

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
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.debug("closing {}", c, e);
        }
    }
}
