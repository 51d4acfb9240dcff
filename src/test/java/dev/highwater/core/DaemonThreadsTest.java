package dev.highwater.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonThreadsTest {

    @Test
    void threadsAreDaemonsNamedOrNumbered() throws InterruptedException {
        ThreadFactory pool = DaemonThreads.numbered("pool-");
        Thread first = pool.newThread(() -> { });
        Thread second = pool.newThread(() -> { });
        Thread single = DaemonThreads.named("single").newThread(() -> { });
        Thread started = DaemonThreads.start("started", () -> { });
        started.join();

        assertEquals("pool-1 pool-2 single started", String.join(" ", first.getName(), second.getName(),
                single.getName(), started.getName()));
        for (Thread t : new Thread[]{first, second, single, started, DaemonThreads.unstarted("later", () -> { })}) {
            assertTrue(t.isDaemon(), t.getName());
        }
    }
}
