package dev.highwater.app;

import dev.highwater.demo.DemoBackends;
import dev.highwater.demo.DemoOptions;

import java.util.function.Consumer;

/** Starts the embedded demo; blocking, throws BackendStartException with one line a user can act on. */
@FunctionalInterface
public interface DemoStarter {
    DemoBackends start(DemoOptions options);

    /** As {@link #start(DemoOptions)}, saying each step as it begins; one that cannot tell says none. */
    default DemoBackends start(DemoOptions options, Consumer<String> progress) {
        return start(options);
    }

    /** The real embedded demo, with its steps. */
    static DemoStarter embedded() {
        return new DemoStarter() {
            @Override
            public DemoBackends start(DemoOptions options) {
                return DemoBackends.start(options);
            }

            @Override
            public DemoBackends start(DemoOptions options, Consumer<String> progress) {
                return DemoBackends.start(options, progress);
            }
        };
    }
}
