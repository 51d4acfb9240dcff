package dev.highwater.core;

import java.util.concurrent.ThreadFactory;

/**
 * The named daemon threads background work runs on: daemon so that nothing left running keeps the JVM from
 * exiting, named so that a thread dump says whose each thread is.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Every thread called {@code name}: for an executor of one thread. */
    public static ThreadFactory named(String name) {
        return Thread.ofPlatform().name(name).daemon().factory();
    }

    /** Threads called {@code prefix} followed by 1, 2, 3…: for a pool. */
    public static ThreadFactory numbered(String prefix) {
        return Thread.ofPlatform().name(prefix, 1).daemon().factory();
    }

    /** A thread for {@code task}, for the caller to start once it has kept a reference to it. */
    public static Thread unstarted(String name, Runnable task) {
        return Thread.ofPlatform().name(name).daemon().unstarted(task);
    }

    public static Thread start(String name, Runnable task) {
        return Thread.ofPlatform().name(name).daemon().start(task);
    }
}
