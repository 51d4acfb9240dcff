package dev.highwater.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a command as a process of its own and takes its wall time, CPU time and peak memory.
 * <p>
 * The wall time is ours: from starting the process to the end of its output and its exit. CPU and peak memory
 * come from GNU time when it is installed: it reads the kernel's account of the process as it is reaped
 * ({@code wait4}'s user and system time, and the highest resident set the kernel recorded), so nothing is
 * sampled and nothing is missed at the end. Without GNU time they are sampled every 20 ms from {@code /proc}
 * (CPU time and {@code VmHWM}, the kernel's own high-water mark of the resident set), which can miss the last
 * 20 ms of CPU.
 */
final class ProcessMeter {

    enum Kind { GNU_TIME, PROC_SAMPLES }

    static final Path GNU_TIME = Path.of("/usr/bin/time");
    /** A command that has not ended by then is stuck, not slow. */
    private static final Duration LONGEST = Duration.ofMinutes(15);
    private static final long SAMPLE_MILLIS = 20;

    /** CPU time and peak resident set as the meter read them. */
    record Usage(double cpuSeconds, double peakMegabytes) {
    }

    /** A command that exited with other than 0, with the last line of its error output. */
    static final class CommandFailed extends IllegalStateException {
        private final int exitCode;
        private final String lastError;

        CommandFailed(List<String> command, int exitCode, String lastError) {
            super("`" + String.join(" ", command) + "` exited with " + exitCode + ": " + lastError);
            this.exitCode = exitCode;
            this.lastError = lastError;
        }

        int exitCode() {
            return exitCode;
        }

        String lastError() {
            return lastError;
        }
    }

    private final Kind kind;
    private final Path work;

    ProcessMeter(Kind kind, Path work) {
        this.kind = kind;
        this.work = work;
    }

    /** GNU time when /usr/bin/time is GNU's, else sampling {@code /proc}; {@code work} keeps their files. */
    static ProcessMeter detect(Path work) {
        return new ProcessMeter(gnuTimePresent() ? Kind.GNU_TIME : Kind.PROC_SAMPLES, work);
    }

    private static boolean gnuTimePresent() {
        if (!Files.isExecutable(GNU_TIME)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(GNU_TIME.toString(), "--version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 && text.contains("GNU");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One line for the report: how CPU and peak memory were taken. */
    String explanation() {
        String wall = "wall: from starting the process to the end of its output and its exit; ";
        return kind == Kind.GNU_TIME
                ? wall + "CPU (user+sys) and peak RSS (the highest resident set): GNU time (" + GNU_TIME
                + " -f '%U %S %M'), the kernel's account of the process when it is reaped"
                : wall + "CPU (user+sys) and peak RSS (VmHWM, the highest resident set) sampled from /proc every "
                + SAMPLE_MILLIS + " ms (GNU time is not installed; on Debian or Ubuntu: apt-get install time)";
    }

    /**
     * Runs {@code command} with {@code environment} added, its standard output drained into {@code sink};
     * a command that fails or does not end in {@link #LONGEST} throws with the last line of its error output.
     */
    ProcessRun run(List<String> command, Map<String, String> environment, OutputSink sink)
            throws IOException, InterruptedException {
        Path errors = work.resolve("stderr.txt");
        Path times = work.resolve("time.txt");
        List<String> full = new ArrayList<>();
        if (kind == Kind.GNU_TIME) {
            Files.deleteIfExists(times);
            full.addAll(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", times.toString()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectError(errors.toFile());
        builder.environment().putAll(environment);
        long t0 = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close(); // nothing to read on standard input: it ends at once
        AtomicBoolean stuck = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().start(() -> stopIfStuck(process, stuck));
        Sampler sampler = kind == Kind.PROC_SAMPLES ? Sampler.start(process) : null;
        long firstByte = -1;
        try (InputStream out = process.getInputStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = out.read(buffer)) >= 0; ) {
                if (n > 0) {
                    if (firstByte < 0) {
                        firstByte = System.nanoTime();
                    }
                    sink.accept(buffer, 0, n);
                }
            }
        }
        int exit = process.waitFor();
        long t1 = System.nanoTime();
        watchdog.interrupt();
        Usage usage;
        if (sampler != null) {
            usage = sampler.stop();
        } else {
            usage = parseGnuTime(Files.exists(times) ? Files.readString(times) : "");
        }
        if (exit != 0) {
            throw new CommandFailed(command, exit, stuck.get() ? "stopped after " + LONGEST.toMinutes()
                    + " minutes without ending" : lastLine(errors));
        }
        return new ProcessRun((t1 - t0) / 1e9, firstByte < 0 ? Double.NaN : (firstByte - t0) / 1e9,
                usage.cpuSeconds(), usage.peakMegabytes(), sink.count());
    }

    private static void stopIfStuck(Process process, AtomicBoolean stuck) {
        try {
            if (!process.waitFor(LONGEST.toMillis(), TimeUnit.MILLISECONDS)) {
                stuck.set(true);
                // GNU time's child first: killing time alone would leave the command writing into the pipe
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            // it ended and was measured
        }
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "(nothing on its standard error)" : lines.getLast().strip();
        } catch (IOException e) {
            return "(its standard error could not be read)";
        }
    }

    /**
     * GNU time's {@code -f '%U %S %M'} line: user and system seconds, peak resident set in KB. When the command
     * failed, time writes a line of its own before it; the figures are on the last line.
     */
    static Usage parseGnuTime(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        String[] fields = lines.isEmpty() ? new String[0] : lines.getLast().strip().split("\\s+");
        if (fields.length != 3) {
            throw new IllegalStateException("GNU time wrote no figures: '" + text.strip() + "'");
        }
        try {
            return new Usage(Double.parseDouble(fields[0]) + Double.parseDouble(fields[1]),
                    Long.parseLong(fields[2]) / 1024.0);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("GNU time's figures are not numbers: '" + lines.getLast() + "'");
        }
    }

    /** The {@code VmHWM} line of {@code /proc/PID/status} in KB; 0 when it has none (a kernel thread, a zombie). */
    static long highWaterKilobytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] fields = line.substring("VmHWM:".length()).strip().split("\\s+");
                if (fields.length != 2 || !fields[1].equals("kB")) {
                    throw new IllegalStateException("unexpected VmHWM line: '" + line + "'");
                }
                return Long.parseLong(fields[0]);
            }
        }
        return 0;
    }

    /** Samples the process's CPU time and high-water resident set until it ends; keeps the last it read. */
    private static final class Sampler {
        private final Process process;
        private final Thread thread;
        private volatile Duration cpu = Duration.ZERO;
        private volatile long highWaterKb;

        private Sampler(Process process) {
            this.process = process;
            this.thread = Thread.ofPlatform().daemon().name("bench-cli-sampler").unstarted(this::sample);
        }

        static Sampler start(Process process) {
            Sampler s = new Sampler(process);
            s.thread.start();
            return s;
        }

        private void sample() {
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            while (process.isAlive()) {
                process.info().totalCpuDuration().ifPresent(d -> cpu = d);
                try {
                    highWaterKb = Math.max(highWaterKb, highWaterKilobytes(Files.readString(status)));
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (IOException e) {
                    return; // it ended between the check and the read
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        Usage stop() throws InterruptedException {
            thread.join();
            return new Usage(cpu.toNanos() / 1e9, highWaterKb / 1024.0);
        }
    }
}
