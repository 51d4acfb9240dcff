package dev.highwater.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Letting go of a resource while stopping, when a failure to close has nothing left to tell a user. */
public final class Closeables {

    private static final Logger log = LoggerFactory.getLogger(Closeables.class);

    private Closeables() {
    }

    /** Closes {@code c} unless it is null; a failure goes to the debug log rather than up the stack. */
    public static void closeQuietly(AutoCloseable c) {
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
