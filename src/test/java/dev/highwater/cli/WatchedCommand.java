package dev.highwater.cli;

import dev.highwater.app.Wiring;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A command that runs until stopped (`lag --watch`), in process on a thread of its own, as a shell would see it:
 * its output so far while it runs; closing it interrupts it as Ctrl-C would end it.
 */
final class WatchedCommand implements AutoCloseable {

    // a StringWriter writes to a StringBuffer: safe to read while the command writes
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;

    private WatchedCommand(String... args) {
        CommandLine cl = HighwaterCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        thread = Thread.ofPlatform().name("watched-command").start(() -> cl.execute(args));
    }

    static WatchedCommand start(String... args) {
        return new WatchedCommand(args);
    }

    List<String> outLines() {
        return out.toString().lines().toList();
    }

    String err() {
        return err.toString();
    }

    boolean running() {
        return thread.isAlive();
    }

    /** The index of the first line of stdout from {@code from} on that matches, waiting for it up to a limit. */
    int awaitLine(int from, Predicate<String> match, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<String> lines = outLines();
            for (int i = from; i < lines.size(); i++) {
                if (match.test(lines.get(i))) {
                    return i;
                }
            }
            if (!running()) {
                fail("the command ended before " + what + "; stderr: " + err() + "; stdout: " + out);
            }
            if (System.nanoTime() > deadline) {
                fail("gave up waiting for " + what + "; stderr: " + err() + "; stdout: " + out);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until stderr holds this text. */
    void awaitErr(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!err().contains(text)) {
            if (!running() || System.nanoTime() > deadline) {
                fail("no '" + text + "' on stderr; running " + running() + "; stderr: " + err() + "; stdout: " + out);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(15_000);
    }
}
