package dev.highwater.cli;

import dev.highwater.Launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of the command line in a JVM of its own, as a user's terminal shows it: everything on stderr counts,
 * the client libraries' log lines included (an in-process run sees only what the command itself prints).
 */
record ProcessRun(int exit, List<String> out, List<String> err) {

    static ProcessRun of(String... args) throws Exception {
        return of(Map.of(), args);
    }

    /** As {@link #of(String...)}, with these variables added to the environment it inherits. */
    static ProcessRun of(Map<String, String> environment, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().putAll(environment);
        Process p = builder.start();
        CompletableFuture<List<String>> out = CompletableFuture.supplyAsync(() -> p.inputReader().lines().toList());
        CompletableFuture<List<String>> err = CompletableFuture.supplyAsync(() -> p.errorReader().lines().toList());
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 90 s: " + String.join(" ", args));
        }
        return new ProcessRun(p.exitValue(), out.get(), err.get());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err);
    }
}
