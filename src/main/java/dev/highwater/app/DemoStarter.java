package dev.highwater.app;

import dev.highwater.demo.DemoBackends;
import dev.highwater.demo.DemoOptions;

/** Starts the embedded demo; blocking, throws BackendStartException with one line a user can act on. */
@FunctionalInterface
public interface DemoStarter {
    DemoBackends start(DemoOptions options);
}
