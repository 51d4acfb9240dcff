package dev.highwater.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertTrue;

class CloseablesTest {

    @Test
    void nothingToCloseAndAFailingCloseAreBothQuiet() {
        AtomicBoolean tried = new AtomicBoolean();
        Closeables.closeQuietly(null);
        Closeables.closeQuietly(() -> {
            tried.set(true);
            throw new IllegalStateException("already gone");
        });
        assertTrue(tried.get());
    }
}
