package dev.highwater.cli;

import dev.highwater.app.Adapters;
import dev.highwater.app.SnapshotFiles;
import dev.highwater.app.Wiring;
import dev.highwater.core.StoreException;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.ledger.AuditInstant;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.ledger.LedgerReplayException;
import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.ReplayProgress;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.table.TableAt;
import dev.highwater.core.table.TableDiff;
import dev.highwater.core.table.TableReplay;
import dev.highwater.core.table.TableSnapshotStore;
import dev.highwater.core.text.ErrorText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** A keyed topic's state at an instant: every key's latest value, decoded as {@code tail} decodes it. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = {
                "Prints what a keyed topic held at an instant: every key's latest value among the",
                "committed records stamped at or before it (a tombstone removes the key), keys and",
                "values decoded as tail decodes them (the same schema options). --diff-from prints",
                "the keys added, removed and changed since another instant, with both values.",
                "The state reached is saved (an H2 file in the data folder, or --snapshots), so a",
                "later question reads only the records after it. Never joins a group or commits."})
public final class TableCommand implements Callable<Integer> {

    enum Format { text, json, csv }

    /** A question that takes longer than this says how far it is on stderr. */
    static final long PROGRESS_AFTER_NANOS = 2_000_000_000L;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @CommandLine.Mixin
    VerboseOption verbose;

    @CommandLine.Mixin
    SchemaOptions schemas;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "the keyed topic")
    String topic;

    @Option(names = "--at", required = true, paramLabel = "INSTANT",
            description = "the instant: 2024-03-15T09:00:00Z, 2024-03-15T10:00:00+01:00, 2024-03-15T10:00[Europe/Paris] or now")
    String at;

    @Option(names = "--key", paramLabel = "K", description = "only this key (as text)")
    String key;

    @Option(names = "--diff-from", paramLabel = "INSTANT",
            description = "print what changed from this instant to --at: keys added, removed, changed")
    String diffFrom;

    @Option(names = "--format", paramLabel = "F", description = "text, json or csv (default ${DEFAULT-VALUE})")
    Format format = Format.text;

    @Option(names = "--snapshots", paramLabel = "PATH",
            description = "an H2 file for saved states (made if missing); in a folder, its table-snapshots.mv.db"
                    + " (default: in the data folder)")
    Path snapshots;

    @CommandLine.ParentCommand
    HighwaterCommand top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Instant instant = instant("--at", at);
        Instant from = diffFrom == null ? null : instant("--diff-from", diffFrom);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Adapters adapters = top.adapters();
        TypeSet types = schemas.types(adapters, err);
        ClientSettings settings = cluster.answeredSettings(adapters.probe());
        try (SchemaOptions.Decoding decoding = schemas.decoding(adapters, types);
             TableSnapshotStore store = openSnapshots(adapters, err);
             LedgerSource source = adapters.ledgers().reader(settings)) {
            TableOutput output = new TableOutput(decoding.decoder(), types);
            TableReplay replay = new TableReplay(source, store, TableReplay.Settings.defaults());
            Progress progress = new Progress(err);
            if (from == null) {
                TableAt table = replay.at(topic, instant, progress, () -> false);
                int[] shown = TableOutput.shown(table, key);
                switch (format) {
                    case json -> output.json(table, shown, StdoutWriter.bytes(out));
                    case csv -> output.csv(table, shown, out);
                    case text -> output.text(table, shown, out);
                }
                notes(table, err);
            } else {
                TableDiff diff = replay.diff(topic, from, instant, progress, () -> false);
                int[] shown = TableOutput.shown(diff, key);
                switch (format) {
                    case json -> output.json(diff, shown, StdoutWriter.bytes(out));
                    case csv -> output.csv(diff, shown, out);
                    case text -> output.text(diff, shown, out);
                }
                notes(diff.before(), err);
                notes(diff.after(), err);
            }
        } catch (LedgerReplayException | IllegalArgumentException | IllegalStateException | StoreException
                 | RegistryException e) {
            throw new CommandFailure(ErrorText.oneLine(e));
        }
        out.flush();
        err.flush();
        return 0;
    }

    private Instant instant(String option, String text) {
        try {
            return AuditInstant.parse(text, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private static void notes(TableAt t, PrintWriter err) {
        t.notes().forEach(n -> err.println("highwater: " + n));
        err.printf(Locale.ROOT, "highwater: %s at %s: %,d keys; read %,d records in %.2f s%s%n", t.topic(), t.at(),
                t.size(), t.stats().recordsRead(), t.stats().seconds(),
                t.stats().fromSnapshot() > 0 ? " after starting from a saved state" : "");
        err.flush();
    }

    /** The saved states' file: {@code --snapshots}, or {@code table-snapshots} in the data folder. */
    private TableSnapshotStore openSnapshots(Adapters adapters, PrintWriter err) {
        Path file = Adapters.tableSnapshotsFile(snapshots != null ? snapshots
                : Wiring.userDataFolder().resolve("table-snapshots")).toAbsolutePath();
        Path created;
        try {
            created = SnapshotFiles.createFolders(file.getParent());
        } catch (IOException e) {
            throw new CommandFailure("--snapshots: cannot create the folder " + file.getParent() + " ("
                    + ErrorText.oneLine(e) + ")");
        }
        if (snapshots != null) {
            err.println("highwater: saved states in " + file
                    + (created == null ? "" : " (created the folder " + created + ")"));
            err.flush();
        }
        if (snapshots != null) {
            return adapters.tableSnapshots(file);
        }
        try {
            return adapters.tableSnapshots(file);
        } catch (StoreException e) {
            // the console may hold the data folder's file: the answer does not need it, only goes faster with it
            err.println("highwater: the saved states are not used this time (" + ErrorText.oneLine(e) + ")");
            err.flush();
            return TableSnapshotStore.NONE;
        }
    }

    /** Says how far a long question is, on stderr, every two seconds once it has taken two. */
    static final class Progress implements LedgerReplay.Listener {
        private final PrintWriter err;
        private final long started = System.nanoTime();
        private long said = started;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(ReplayProgress p) {
            long now = System.nanoTime();
            if (now - started < PROGRESS_AFTER_NANOS || now - said < PROGRESS_AFTER_NANOS) {
                return;
            }
            said = now;
            err.printf(Locale.ROOT, "highwater: read %,d of %,d records (%,.0f/s%s)%n", p.done(), p.total(),
                    p.perSecond(), Double.isNaN(p.secondsLeft()) ? "" : String.format(Locale.ROOT, ", %.0f s left",
                            p.secondsLeft()));
            err.flush();
        }
    }
}
