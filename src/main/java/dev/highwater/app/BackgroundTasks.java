package dev.highwater.app;

import dev.highwater.core.Subscription;

import java.time.Duration;

/**
 * Where work that must not run on the UI thread goes: Kafka, gRPC, H2. One interface, a thread-pool
 * implementation for the app and a same-thread one for tests of models.
 */
public interface BackgroundTasks extends AutoCloseable {

    void run(Runnable task);

    /** Runs the task every period (first after one period) until the subscription is closed. */
    Subscription every(Duration period, Runnable task);

    @Override
    void close();
}
