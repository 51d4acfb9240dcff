package dev.highwater.core.demo;

import java.util.function.Consumer;

/** Starts the embedded demo; blocking, throws {@link BackendStartException} with one line a user can act on. */
@FunctionalInterface
public interface DemoStarter {
    RunningDemo start(DemoOptions options);

    /** As {@link #start(DemoOptions)}, saying each step as it begins; one that cannot tell says none. */
    default RunningDemo start(DemoOptions options, Consumer<String> progress) {
        return start(options);
    }
}
