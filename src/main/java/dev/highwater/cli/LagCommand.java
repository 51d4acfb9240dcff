package dev.highwater.cli;

import dev.highwater.core.lag.LagMonitor;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.lag.OffsetsSource;
import dev.highwater.core.connect.ClientSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** Per-partition lag of consumer groups, in offsets and in seconds, with rates and hotspots; read-only. */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = {
                "Shows a consumer group's lag per partition: committed and end offsets, lag in offsets and in",
                "seconds (the age of the oldest unconsumed record), produce and consume rates, time to drain,",
                "hot partitions. Reads five times, --interval apart, so that rates and the trend are known.",
                "Never joins or commits for the group."})
public final class LagCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    /** Rates need two reads and the trend three over half the status window; more smooth commit noise. */
    static final int READS_BEFORE_SHOWING = 5;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Option(names = "--group", required = true, paramLabel = "G", description = "the consumer group (repeatable)")
    List<String> groups = new ArrayList<>();

    @Option(names = "--format", paramLabel = "F", description = "table, json or csv (default ${DEFAULT-VALUE})")
    Format format = Format.table;

    @Option(names = "--watch", description = "refresh every --interval until interrupted; while the cluster does not"
            + " answer, keep trying and show what was read before as stale")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "seconds between reads (default ${DEFAULT-VALUE})")
    double intervalSeconds = 1;

    @CommandLine.ParentCommand
    HighwaterCommand top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (!(intervalSeconds >= 0.1 && intervalSeconds <= 3600)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be 0.1 to 3600 seconds");
        }
        ClientSettings settings = cluster.answeredSettings(top.adapters().probe(), watch);
        PrintWriter out = spec.commandLine().getOut();
        Duration interval = Duration.ofMillis((long) (intervalSeconds * 1000));
        // the status window is twice what the reads before showing span, so the first table is judged
        Duration statusWindow = interval.multipliedBy(2L * (READS_BEFORE_SHOWING - 1));
        LagSettings lagSettings = new LagSettings(interval, 3.0, 100, 500_000, statusWindow, 0.2, 60);
        try (OffsetsSource source = top.adapters().offsets().on(settings)) {
            Set<String> wanted = new LinkedHashSet<>(groups);
            LagMonitor monitor = new LagMonitor(lagSettings);
            LagTableWriter writer = new LagTableWriter(out, format.name());
            if (watch) {
                watch(source, wanted, monitor, writer, interval);
            } else {
                showOnce(source, wanted, monitor, writer, interval);
            }
            out.flush();
        }
        return 0;
    }

    /** Reads {@value #READS_BEFORE_SHOWING} times and shows the last; a cluster that does not answer ends it. */
    private void showOnce(OffsetsSource source, Set<String> wanted, LagMonitor monitor, LagTableWriter writer,
                          Duration interval) throws InterruptedException {
        requireGroupsExist(source, wanted);
        LagRefresh refresh = null;
        for (int i = 0; i < READS_BEFORE_SHOWING; i++) {
            if (i > 0) {
                Thread.sleep(interval.toMillis());
            }
            refresh = monitor.update(source.read(wanted));
            failIfDisconnected(refresh);
        }
        writer.write(refresh, true);
    }

    /**
     * Refreshes until interrupted. A cluster that does not answer is waited for, before the first refresh as
     * after it: until then the values read before are shown as stale, never as current.
     */
    private void watch(OffsetsSource source, Set<String> wanted, LagMonitor monitor, LagTableWriter writer,
                       Duration interval) throws InterruptedException {
        WaitingNotice waiting = new WaitingNotice(spec.commandLine().getErr(), cluster.bootstrap(), intervalSeconds);
        while (!groupsExist(source, wanted, waiting)) {
            Thread.sleep(interval.toMillis());
        }
        boolean shown = false;
        int reads = 0;
        while (true) {
            LagRefresh refresh = monitor.update(source.read(wanted));
            if (shown) {
                writer.write(refresh, false);
            } else if (!refresh.connected()) {
                reads = 0; // nothing shown yet, so nothing to call stale: wait, and read enough again for rates
                waiting.say(refresh.error());
            } else if (++reads == READS_BEFORE_SHOWING) {
                writer.write(refresh, true);
                shown = true;
            }
            spec.commandLine().getOut().flush();
            Thread.sleep(interval.toMillis());
        }
    }

    /** False while the cluster does not answer (said on stderr); a group it does not know ends the command. */
    private boolean groupsExist(OffsetsSource source, Set<String> wanted, WaitingNotice waiting) {
        try {
            requireGroupsExist(source, wanted);
            return true;
        } catch (ClusterUnreachable e) {
            waiting.say(e.getMessage());
            return false;
        }
    }

    private void requireGroupsExist(OffsetsSource source, Set<String> wanted) {
        Set<String> known;
        try {
            known = source.groups();
        } catch (IllegalStateException e) {
            throw new ClusterUnreachable(e.getMessage());
        }
        for (String g : wanted) {
            if (!known.contains(g)) {
                String list = known.isEmpty() ? "it has no consumer groups" : "known groups: "
                        + String.join(", ", known.stream().limit(20).toList()) + (known.size() > 20 ? ", …" : "");
                throw new CommandFailure("consumer group '" + g + "' does not exist on " + cluster.bootstrap() + "; " + list);
            }
        }
    }

    /** The cluster did not answer; without --watch that ends the command with this one line. */
    private static final class ClusterUnreachable extends RuntimeException {
        ClusterUnreachable(String message) {
            super(message);
        }
    }

    private static void failIfDisconnected(LagRefresh refresh) {
        if (!refresh.connected()) {
            throw new CommandFailure(refresh.error());
        }
    }

}
