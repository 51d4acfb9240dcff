package dev.highwater.cli;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.ListedGroup;
import dev.highwater.core.lag.LagMonitor;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.lag.OffsetsSource;
import dev.highwater.core.lag.PartitionLag;
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
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Per-partition lag of consumer groups, in offsets and in seconds, with rates and hotspots; read-only. */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = {
                "Shows consumer groups' lag per partition: committed and end offsets, lag in offsets and in seconds",
                "(the age of the oldest unconsumed record) and hot partitions, from one read, printed at once.",
                "Produce and consume rates, time to drain and the trend need reads some time apart: --watch shows",
                "them from its second refresh on; --rates reads " + LagCommand.READS_FOR_RATES
                        + " times, --interval apart, before printing.",
                "--list lists the groups with their state. Never joins or commits for a group."})
public final class LagCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    /** Rates need two reads and the trend three over half the status window; more smooth commit noise. */
    static final int READS_FOR_RATES = 5;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Option(names = "--group", paramLabel = "G", description = "the consumer group (repeatable)")
    List<String> groups = new ArrayList<>();

    @Option(names = "--all-groups", description = "every consumer group of the cluster")
    boolean allGroups;

    @Option(names = "--list", description = "list the consumer groups with their state and member count, and"
            + " read no offsets")
    boolean list;

    @Option(names = "--topic", paramLabel = "T", description = "only the partitions of this topic (repeatable)")
    List<String> topics = new ArrayList<>();

    @Option(names = "--format", paramLabel = "F", description = "table, json or csv (default ${DEFAULT-VALUE})")
    Format format = Format.table;

    @Option(names = "--watch", description = "refresh every --interval until interrupted, with rates from the second"
            + " refresh; while the cluster does not answer, keep trying and show what was read before as stale")
    boolean watch;

    @Option(names = "--rates", description = "read " + READS_FOR_RATES + " times, --interval apart, and print once"
            + " with produce and consume rates, time to drain and the trend")
    boolean rates;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "seconds between reads with --watch or"
            + " --rates (default ${DEFAULT-VALUE})")
    double intervalSeconds = 1;

    @CommandLine.ParentCommand
    HighwaterCommand top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        Duration interval = Duration.ofMillis((long) (intervalSeconds * 1000));
        // the status window is twice what --rates' reads span, so the table --rates prints is judged
        Duration statusWindow = Duration.ofMillis(interval.toMillis() * 2 * (READS_FOR_RATES - 1));
        LagSettings lagSettings = new LagSettings(interval, 3.0, 100, 500_000, statusWindow, 0.2, 60);
        try (OffsetsSource source = openWhileProbing()) {
            LagTableWriter writer = new LagTableWriter(out, format.name());
            if (list) {
                writer.list(listed(source));
            } else {
                Set<String> wanted = new LinkedHashSet<>(groups); // empty: every group
                Selection selection = new Selection(wanted, new LinkedHashSet<>(topics));
                LagMonitor monitor = new LagMonitor(lagSettings);
                if (watch) {
                    watch(source, selection, monitor, writer, interval);
                } else {
                    showOnce(source, selection, monitor, writer, interval);
                }
            }
            out.flush();
        }
        return 0;
    }

    /**
     * The cluster's offsets source, once the cluster has answered the probe. The source's clients are made while
     * the probe waits for its answer: making a Kafka client is mostly loading its classes, work a second core
     * does meanwhile. A probe that fails ends the command with its sentence, and the clients made are closed.
     */
    private OffsetsSource openWhileProbing() {
        ClientSettings settings = cluster.settings();
        CompletableFuture<OffsetsSource> opening = CompletableFuture.supplyAsync(
                () -> top.adapters().offsets().on(settings),
                task -> Thread.ofPlatform().daemon().name("lag-open").start(task));
        try {
            cluster.answeredSettings(top.adapters().probe(), watch);
        } catch (RuntimeException probeFailed) {
            try {
                opening.join().close();
            } catch (CompletionException alsoFailed) {
                // the probe's sentence says why better than the client's own failure
            }
            throw probeFailed;
        }
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Exactly one of --group, --all-groups and --list, and only the options that go with it. */
    private void validate() {
        if (!(intervalSeconds >= 0.1 && intervalSeconds <= 3600)) {
            throw usage("--interval must be 0.1 to 3600 seconds");
        }
        if (!groups.isEmpty() && allGroups) {
            throw usage("--group and --all-groups exclude each other: name groups, or ask for all of them");
        }
        if (list && (!groups.isEmpty() || allGroups)) {
            throw usage("--list lists every group: it takes no --group or --all-groups");
        }
        if (list && (!topics.isEmpty() || watch || rates)) {
            throw usage("--list reads no offsets: it takes no --topic, --watch or --rates");
        }
        if (groups.isEmpty() && !allGroups && !list) {
            throw usage("say which groups: --group G (repeatable), --all-groups, or --list to see them");
        }
        if (watch && rates) {
            throw usage("--watch and --rates exclude each other: --watch shows rates from its second refresh");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private List<ListedGroup> listed(OffsetsSource source) {
        try {
            return source.listGroups();
        } catch (IllegalStateException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /** The groups asked for (empty: every group of the cluster) and the topics to keep (empty: all). */
    private record Selection(Set<String> groups, Set<String> topics) {
    }

    /**
     * Reads once and prints at once; with --rates, reads {@value #READS_FOR_RATES} times and prints the last.
     * A cluster that does not answer ends it.
     */
    private void showOnce(OffsetsSource source, Selection selection, LagMonitor monitor, LagTableWriter writer,
                          Duration interval) throws InterruptedException {
        requireGroupsExist(source, selection.groups());
        int reads = rates ? READS_FOR_RATES : 1;
        LagRefresh refresh = null;
        for (int i = 0; i < reads; i++) {
            if (i > 0) {
                Thread.sleep(interval.toMillis());
            }
            refresh = monitor.update(source.read(selection.groups(), selection.topics()));
            failIfDisconnected(refresh);
        }
        LagRefresh shown = shown(refresh, selection);
        if (shown.groups().isEmpty()) {
            throw new CommandFailure(nothingToShow(selection));
        }
        sayTopicsNotRead(shown, selection);
        writer.write(shown, true, !rates);
    }

    /**
     * Refreshes until interrupted: the first refresh as soon as it is read, then one every --interval, with rates
     * from the second. A cluster that does not answer is waited for, before the first refresh as after it: until
     * then the values read before are shown as stale, never as current.
     */
    private void watch(OffsetsSource source, Selection selection, LagMonitor monitor, LagTableWriter writer,
                       Duration interval) throws InterruptedException {
        WaitingNotice waiting = new WaitingNotice(spec.commandLine().getErr(), cluster.bootstrap(), intervalSeconds);
        while (!groupsExist(source, selection.groups(), waiting)) {
            Thread.sleep(interval.toMillis());
        }
        boolean shown = false;
        while (true) {
            LagRefresh refresh = monitor.update(source.read(selection.groups(), selection.topics()));
            if (shown) {
                writer.write(shown(refresh, selection), false, false);
            } else if (!refresh.connected()) {
                waiting.say(refresh.error()); // nothing shown yet, so nothing to call stale: wait
            } else {
                LagRefresh first = shown(refresh, selection);
                if (first.groups().isEmpty()) {
                    spec.commandLine().getErr().println("highwater: " + nothingToShow(selection)
                            + "; watching until one does (Ctrl-C to stop)");
                } else {
                    sayTopicsNotRead(first, selection);
                }
                writer.write(first, true, true);
                shown = true;
            }
            spec.commandLine().getErr().flush();
            spec.commandLine().getOut().flush();
            Thread.sleep(interval.toMillis());
        }
    }

    /** With --topic, the groups that read none of those topics are left out: they have nothing to show. */
    private static LagRefresh shown(LagRefresh refresh, Selection selection) {
        if (selection.topics().isEmpty()) {
            return refresh;
        }
        List<GroupLag> reading = refresh.groups().stream().filter(g -> !g.partitions().isEmpty()).toList();
        return new LagRefresh(refresh.atMillis(), refresh.error(), refresh.readAtMillis(), reading, refresh.alerts());
    }

    /** Why a read leaves nothing to print, in one sentence. */
    private String nothingToShow(Selection selection) {
        String who = selection.groups().isEmpty() ? "no consumer group" : selection.groups().size() == 1
                ? "consumer group '" + selection.groups().iterator().next() + "'"
                : "none of the consumer groups " + String.join(", ", selection.groups());
        if (selection.topics().isEmpty()) {
            return "there is no consumer group on " + cluster.bootstrap();
        }
        String verb = selection.groups().size() == 1 ? " reads no partition of " : " reads ";
        return who + verb + topicNames(selection.topics()) + " on " + cluster.bootstrap();
    }

    /** A --topic that none of the groups shown reads is said on stderr, rather than silently left out. */
    private void sayTopicsNotRead(LagRefresh shown, Selection selection) {
        Set<String> unread = new TreeSet<>(selection.topics());
        for (GroupLag g : shown.groups()) {
            for (PartitionLag p : g.partitions()) {
                unread.remove(p.id().topic());
            }
        }
        if (!unread.isEmpty()) {
            String who = selection.groups().isEmpty() ? "no consumer group" : "none of the groups asked for";
            spec.commandLine().getErr().println("highwater: " + who + " reads " + topicNames(unread));
            spec.commandLine().getErr().flush();
        }
    }

    private static String topicNames(Set<String> topics) {
        return (topics.size() == 1 ? "topic " : "topics ") + String.join(", ", topics.stream()
                .map(t -> "'" + t + "'").toList());
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

    /** Every group named exists; with none named (--all-groups) there is nothing to check. */
    private void requireGroupsExist(OffsetsSource source, Set<String> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
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
