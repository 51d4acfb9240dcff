package dev.highwater.cli;

import dev.highwater.core.text.ErrorText;
import dev.highwater.app.SnapshotFiles;
import dev.highwater.core.ledger.AuditExport;
import dev.highwater.core.ledger.AuditInstant;
import dev.highwater.core.ledger.AuditReport;
import dev.highwater.core.ledger.BalanceTable;
import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.ledger.LedgerReplayException;
import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.LedgerSources;
import dev.highwater.core.ledger.Problem;
import dev.highwater.core.ledger.SnapshotStore;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.ledger.LedgerSchemas;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Every account's exact balance on a ledger topic at an instant, by replaying the topic (read_committed). */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {
                "Replays a ledger topic (Protobuf and JSON events, and events framed for a schema registry",
                "with --schema-registry, each read with its own schema version; committed records only) into every account's",
                "exact balance at an instant: distinct events by their own timestamps, redeliveries counted once,",
                "undecodable records and unknown types listed. --snapshots keeps cuts in an H2 file so later",
                "queries replay only the rest. Never joins a group or commits."})
public final class AuditCommand implements Callable<Integer> {

    enum Format { table, csv, json }

    static final int PROBLEMS_IN_TABLE = 20;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @CommandLine.Mixin
    VerboseOption verbose;

    @CommandLine.Mixin
    RegistryOptions registry;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "the ledger topic, e.g. payment-ledger")
    String topic;

    @Option(names = "--at", required = true, paramLabel = "INSTANT",
            description = "the instant: 2024-03-15T09:00:00Z, 2024-03-15T10:00:00+01:00, 2024-03-15T10:00[Europe/Paris] or now")
    String at;

    @Option(names = "--account", paramLabel = "ID", description = "only this account (repeatable)")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--format", paramLabel = "F", description = "table, csv or json (default ${DEFAULT-VALUE})")
    Format format = Format.table;

    @Option(names = "--snapshots", paramLabel = "PATH",
            description = "an H2 file for replay snapshots (made if missing); in a folder, its "
                    + SnapshotFiles.FILE_NAME)
    Path snapshots;

    @CommandLine.ParentCommand
    HighwaterCommand top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Instant instant;
        try {
            instant = AuditInstant.parse(at, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--at: " + e.getMessage());
        }
        ClientSettings settings = cluster.answeredSettings(top.adapters().probe());
        LedgerSources ledgers = top.adapters().ledgers();
        PrintWriter err = spec.commandLine().getErr();
        AuditReport report;
        RegistrySettings registrySettings = registry.settings();
        try (SchemaRegistry schemas = registrySettings.present()
                ? top.adapters().registries().open(registrySettings, SecretResolver.system()) : null;
             SnapshotStore store = snapshots == null ? SnapshotStore.NONE : openSnapshots(ledgers, err);
             LedgerSource source = ledgers.reader(settings)) {
            LedgerReplay replay = new LedgerReplay(source, store, LedgerReplay.Settings.defaults(),
                    LedgerSchemas.of(schemas));
            report = replay.balancesAt(topic, List.of(instant), LedgerReplay.Listener.NONE, () -> false).getFirst();
        } catch (LedgerReplayException | IllegalArgumentException | IllegalStateException | StoreException
                 | RegistryException e) {
            throw new CommandFailure(ErrorText.oneLine(e));
        }
        if (!accounts.isEmpty()) {
            report = report.only(accounts);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> out.println(AuditExport.json(report));
            case csv -> out.print(AuditExport.csv(report));
            case table -> table(out, report);
        }
        if (format != Format.table) {
            report.notes().forEach(n -> err.println("highwater: " + n));
        }
        out.flush();
        err.flush();
        return 0;
    }

    /**
     * The snapshots file {@code --snapshots} means (inside it when it is a folder), its missing folders made
     * owner-only; says on stderr which file it is and which folder was made, apart from the report on stdout.
     */
    private SnapshotStore openSnapshots(LedgerSources ledgers, PrintWriter err) {
        Path file = SnapshotFiles.fileFor(snapshots).toAbsolutePath();
        Path created;
        try {
            created = SnapshotFiles.createFolders(file.getParent());
        } catch (IOException e) {
            throw new CommandFailure("--snapshots: cannot create the folder " + file.getParent() + " ("
                    + why(e) + ")");
        }
        err.println("highwater: snapshots in " + file
                + (created == null ? "" : " (created the folder " + created + ")"));
        err.flush();
        return ledgers.snapshots(file);
    }

    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : ErrorText.oneLine(e);
    }

    static void table(PrintWriter out, AuditReport r) {
        BalanceTable b = r.balances();
        out.printf(Locale.ROOT, "%s at %s: %,d accounts, %,d events (%,d redeliveries counted once), %,d undecodable,"
                        + " %,d of an unknown type, %,d reusing an event id for another event%n", r.topic(), r.at(),
                b.size(), r.events(), r.duplicates(), r.undecodable(), r.unknownType(), r.conflicts());
        int width = "ACCOUNT".length();
        for (int i = 0; i < b.size(); i++) {
            width = Math.max(width, b.account(i).length());
        }
        String row = "%-" + width + "s  %22s%n";
        out.printf(Locale.ROOT, row, "ACCOUNT", "BALANCE");
        for (int i = 0; i < b.size(); i++) {
            out.printf(Locale.ROOT, row, b.account(i), b.balance(i).toPlainString());
        }
        out.printf(Locale.ROOT, row, "(sum)", b.total().toPlainString());
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
        List<Problem> problems = r.problems();
        long uncounted = r.undecodable() + r.unknownType() + r.conflicts();
        int shown = Math.min(PROBLEMS_IN_TABLE, problems.size());
        for (Problem p : problems.subList(0, shown)) {
            out.printf(Locale.ROOT, "not counted: partition %d offset %d: %s%n", p.partition(), p.offset(), p.reason());
        }
        if (uncounted > shown) {
            out.printf(Locale.ROOT, "… %,d more records not counted (--format json lists the first %,d)%n",
                    uncounted - shown, problems.size());
        }
        out.printf(Locale.ROOT, "read %,d records in %.2f s%s%n", r.stats().recordsRead(), r.stats().seconds(),
                r.stats().fromSnapshot() > 0 ? " after starting from a snapshot" : "");
    }
}
