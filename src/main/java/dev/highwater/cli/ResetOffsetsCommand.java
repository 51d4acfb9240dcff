package dev.highwater.cli;

import dev.highwater.app.Wiring;
import dev.highwater.core.StoreException;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.lag.LagGrowthStart;
import dev.highwater.core.lag.LagHistoryStore;
import dev.highwater.core.lag.LagSample;
import dev.highwater.core.offsets.OffsetsFile;
import dev.highwater.core.offsets.PartitionReset;
import dev.highwater.core.offsets.OffsetReset;
import dev.highwater.core.offsets.ResetException;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.core.offsets.ResetRecord;
import dev.highwater.core.offsets.ResetScope;
import dev.highwater.core.offsets.ResetTarget;
import dev.highwater.core.offsets.UndoableOffsetReset;
import dev.highwater.core.text.JsonWriter;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Resets a consumer group's offsets, as a preview unless --execute is given; refused while the group is active. */
@Command(name = "reset-offsets", mixinStandardHelpOptions = true,
        description = {
                "Resets a consumer group's committed offsets. Without --execute it only shows the preview (old and",
                "new offset per partition) and changes nothing, like kafka-consumer-groups --dry-run. Refused while",
                "the group has active members. Every reset executed first saves the group's offsets to an undo",
                "file in the data folder (~/.highwater/resets, or HIGHWATER_HOME's) and says how to put them back."})
public final class ResetOffsetsCommand implements Callable<Integer> {

    enum Format { table, json }

    @CommandLine.Mixin
    ClusterOptions cluster;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Option(names = "--group", required = true, paramLabel = "G", description = "the consumer group")
    String group;

    @Option(names = "--topic", paramLabel = "T", description = "a topic to reset, or some of its partitions: T, T:P or"
            + " T:P1,P2 (repeatable; default: every topic the group committed on)")
    List<String> topics = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--to-earliest", description = "to the first offset still in the log")
        boolean earliest;
        @Option(names = "--to-latest", description = "to the end of the log")
        boolean latest;
        @Option(names = "--to-offset", paramLabel = "N", description = "to offset N (clamped to the log)")
        Long offset;
        @Option(names = "--to-datetime", paramLabel = "ISO", description = "to the first record at or after an ISO instant, e.g. 2026-03-15T09:00:00Z")
        String instant;
        @Option(names = "--shift-by", paramLabel = "N", description = "move by N (negative: back)")
        Long shift;
        @Option(names = "--from-file", paramLabel = "FILE", description = "each partition the file lists to its"
                + " offset (topic,partition,offset lines, as kafka-consumer-groups reads them; an undo file)")
        Path file;
        @Option(names = "--to-lag-start", description = "to when the group's lag in seconds began to grow, from the"
                + " lag history the console keeps")
        boolean lagStart;
    }

    @Option(names = "--execute", description = "apply the reset (after showing it); without it nothing changes")
    boolean execute;

    @Option(names = "--format", paramLabel = "F", description = "table or json (default ${DEFAULT-VALUE})")
    Format format = Format.table;

    @CommandLine.ParentCommand
    HighwaterCommand top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ResetTarget to = target();
        ResetScope scope = scope();
        // --execute is the command line's confirmation; without it the reset is a preview only
        ClientSettings settings = cluster.answeredSettings(top.adapters().probe());
        OffsetReset reset = top.adapters().offsetResets().on(settings, execute, "of the command line");
        PrintWriter out = spec.commandLine().getOut();
        if (to == null) {
            to = lagStart(settings, out);
        }
        ResetPlan plan;
        try {
            plan = reset.preview(group, scope, to);
        } catch (ResetException e) {
            throw new CommandFailure(e.getMessage());
        }
        print(plan, out);
        if (plan.refusal() != null) {
            out.flush();
            throw new CommandFailure(plan.refusal());
        }
        if (!execute) {
            if (format == Format.table) {
                out.println("Nothing changed: this was a preview. Add --execute to apply it.");
            }
            return 0;
        }
        Optional<ResetRecord> kept;
        try {
            kept = reset.applyUndoably(plan);
        } catch (ResetException e) {
            throw new CommandFailure(e.getMessage());
        }
        if (format == Format.table) {
            out.println("Reset " + plan.moving() + " partition(s) of " + group + " " + to.describe() + ".");
        }
        // with --format json, stdout stays one JSON document
        PrintWriter said = format == Format.table ? out : spec.commandLine().getErr();
        kept.ifPresent(k -> said.println(UndoableOffsetReset.undoHint(k)));
        said.flush();
        return 0;
    }

    /**
     * The rewind to when the group's lag in seconds began to grow, from the lag history the console keeps in the
     * data folder under the cluster's id; without history, or without growth in it, one sentence says why.
     */
    private ResetTarget lagStart(ClientSettings settings, PrintWriter out) {
        Path data = Wiring.userDataFolder();
        String id = top.adapters().probe().probe(settings, ClusterOptions.PROBE_TIMEOUT).clusterId();
        List<LagSample> samples;
        try (LagHistoryStore store = top.adapters().lagHistory(data).orElse(null)) {
            samples = store == null ? List.of()
                    : store.totalsSince(id == null ? settings.bootstrapServers() : id, group, 0);
        } catch (StoreException e) {
            throw new CommandFailure("Cannot read the lag history (" + e.getMessage() + "); the console's reset"
                    + " dialog offers the same rewind.");
        }
        if (samples.isEmpty()) {
            throw new CommandFailure("There is no lag history of " + group + " on " + settings.bootstrapServers()
                    + " in " + data + ": keep the console open on this cluster to collect it, then rewind.");
        }
        return switch (LagGrowthStart.find(group, samples)) {
            case LagGrowthStart.NotFound none -> throw new CommandFailure(none.reason());
            case LagGrowthStart.Found found -> {
                if (format == Format.table) {
                    out.println(found.describe(group));
                }
                yield new ResetTarget.ToInstant(found.rewindTo());
            }
        };
    }

    /** Where to, as asked; null for --to-lag-start, which needs the cluster. */
    private ResetTarget target() {
        if (target.earliest) {
            return new ResetTarget.Earliest();
        }
        if (target.latest) {
            return new ResetTarget.Latest();
        }
        if (target.offset != null) {
            if (target.offset < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--to-offset must be 0 or more");
            }
            return new ResetTarget.ToOffset(target.offset);
        }
        if (target.instant != null) {
            try {
                return new ResetTarget.ToInstant(Instant.parse(target.instant));
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--to-datetime '" + target.instant
                        + "' is not an ISO instant; write it like 2026-03-15T09:00:00Z or 2026-03-15T09:00:00+01:00");
            }
        }
        if (target.file != null) {
            if (!topics.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--from-file names its partitions"
                        + " itself: leave out --topic");
            }
            try {
                return OffsetsFile.read(target.file);
            } catch (ResetException e) {
                throw new CommandFailure(e.getMessage());
            }
        }
        if (target.lagStart) {
            return null; // found in the lag history once the cluster has answered with its id
        }
        return new ResetTarget.ShiftBy(target.shift);
    }

    private ResetScope scope() {
        try {
            return ResetScope.parse(topics);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static String signed(long n) {
        return (n > 0 ? "+" : n < 0 ? "-" : "") + LagFormat.count(Math.abs(n));
    }

    private void print(ResetPlan plan, PrintWriter out) {
        if (format == Format.json) {
            JsonWriter j = new JsonWriter();
            j.beginObject().name("group").value(plan.group()).name("target").value(plan.target().describe())
                    .name("applied").value(execute && plan.refusal() == null)
                    .name("activeMembers").value(plan.activeMembers()).name("partitions").beginArray();
            for (PartitionReset p : plan.partitions()) {
                j.beginObject().name("topic").value(p.partition().topic()).name("partition").value(p.partition().partition())
                        .name("current").value(p.current()).name("new").value(p.target())
                        .name("earliest").value(p.earliest()).name("end").value(p.latest())
                        .name("note").value(p.note())
                        .name("clamped").value(p.clamped() == PartitionReset.Clamp.NONE ? null
                                : p.clamped().name().toLowerCase(Locale.ROOT)).endObject();
            }
            j.endArray().endObject();
            out.println(j);
            return;
        }
        out.printf("%-24s %9s %12s %12s %10s %10s  %s%n", "TOPIC", "PARTITION", "CURRENT", "NEW", "CHANGE",
                "LAG AFTER", "NOTE");
        for (PartitionReset p : plan.partitions()) {
            out.printf("%-24s %9d %12s %12s %10s %10s  %s%n", p.partition().topic(), p.partition().partition(),
                    p.current() == null ? "-" : LagFormat.count(p.current()), LagFormat.count(p.target()),
                    p.current() == null ? "-" : signed(p.target() - p.current()),
                    LagFormat.count(p.lagAfter()), p.note());
        }
    }
}
