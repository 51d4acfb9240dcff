package dev.highwater.monitoring;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own programs ({@code prometheus}, {@code promtool}) from the PATH, for the tests that check the
 * shipped rules and dashboard against the real thing. CI installs them (Debian's {@code prometheus} package), so a
 * missing one fails the test with what to install: skipping would let the rules go unchecked without a word.
 */
final class PrometheusBinaries {

    private PrometheusBinaries() {
    }

    /** The program's path on the PATH; fails the test, saying how to install it, when there is none. */
    static Path require(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " is not on the PATH, and the monitoring tests run it: install Prometheus"
                + " 2.42 or newer (Debian and Ubuntu: sudo apt-get install prometheus; macOS: brew install"
                + " prometheus), as .ci/run does.");
    }

    /** What a program printed (stdout and stderr together) and its exit code. */
    record Run(int exit, String output) {
    }

    /** Runs {@code promtool} with these arguments, waiting up to a minute. */
    static Run promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(require("promtool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not end within a minute");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
