package dev.highwater.cli;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.FilteredDecoder;
import dev.highwater.core.decode.JsonLines;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.decode.RecordFilter;
import dev.highwater.core.decode.RecordRendering;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.text.JsonBytes;
import dev.highwater.core.tail.TailException;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailReading;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailSource;
import dev.highwater.core.tail.TailStatus;
import dev.highwater.core.tail.TailStart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Prints a topic's records decoded, one a line; undecodable records are printed too, with why and their bytes. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {
                "Prints a topic's records, keys and values decoded: Protobuf (our proto/ types,",
                "a .proto folder, a descriptor set, gRPC reflection), schema-registry framed",
                "Protobuf, JSON, text or hex, detected per record unless --type pins one.",
                "With --schema-registry, framed records (Protobuf, Avro, JSON Schema) are read",
                "with the schema of their id; --avsc files read plain Avro (--type avro:NAME).",
                "A record nothing decodes is printed with the reason and its bytes; the tail",
                "goes on. --from INSTANT --to INSTANT reads the window between them and stops;",
                "--filter runs on every record read, header[\"name\"] included.",
                "Reads without a consumer group: it never joins or commits for one."})
public final class TailCommand implements Callable<Integer> {

    enum Format { json, text }

    /** How long a tail that is not following waits for a broker that stopped answering. */
    static final long GIVE_UP_SECONDS = 30;

    @CommandLine.Mixin
    ClusterOptions cluster;

    @CommandLine.Mixin
    VerboseOption verbose;

    @CommandLine.Mixin
    SchemaOptions schemas;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "the topic")
    String topic;

    @Option(names = "--from", paramLabel = "WHERE", description = "beginning (default), end, or an ISO-8601 instant")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT",
            description = "stop at this ISO-8601 instant: each partition is read up to its first record stamped after it")
    String to;

    @Option(names = "--offset", paramLabel = "N", description = "start at this offset in each partition read")
    Long offset;

    @Option(names = "--partition", paramLabel = "P", description = "read only this partition (default: all)")
    Integer partition;

    @Option(names = "--limit", paramLabel = "N", description = "stop after N records (at least 1; default: no limit)")
    Long limit;

    @Option(names = "--follow", description = "keep reading new records until interrupted (default: stop at the end)")
    boolean follow;

    @Option(names = "--filter", paramLabel = "EXPR", description = "a condition on decoded fields, key, partition, "
            + "offset, timestamp and header[\"name\"], e.g. 'sender == \"acme\" && amount > 100'")
    String filter;

    @Option(names = "--grep", paramLabel = "TEXT", description = "only records whose key or value contains TEXT")
    String grep;

    @Option(names = "--format", paramLabel = "F", description = "json (one object a record) or text (default ${DEFAULT-VALUE})")
    Format format = Format.text;

    @CommandLine.ParentCommand
    HighwaterCommand top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (limit != null && limit < 1) {
            // the reader takes 0 for "no limit": a 0 or negative limit would print the whole topic
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
        TailStart start = start();
        Instant until = until(start);
        RecordFilter recordFilter = filter();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SchemaOptions.Decoding decoding = schemas.decoding(top.adapters(), err)) {
            return tail(start, until, recordFilter, decoding.decoder(), decoding.types(), out, err);
        }
    }

    private int tail(TailStart start, Instant until, RecordFilter recordFilter, FilteredDecoder decoder, TypeSet types,
                     PrintWriter out, PrintWriter err) throws InterruptedException {
        TailSource source = top.adapters().tails().on(cluster.answeredSettings(top.adapters().probe()));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("tail-watchdog"));
        boolean[] gaveUp = {false};
        TailReading[] reader = new TailReading[1];
        TailPrinter printer = new TailPrinter(printing(recordFilter, decoder, types, out), () -> reader[0].close());
        TailListener listener = new TailListener() {
            private ScheduledFuture<?> giveUp;

            @Override
            public void records(List<RawRecord> batch) throws InterruptedException {
                printer.accept(batch);
            }

            @Override
            public void status(TailStatus status) {
                switch (status.state()) {
                    case DISCONNECTED -> {
                        err.println("highwater: " + status.message());
                        err.flush();
                        if (!follow && giveUp == null) {
                            giveUp = watchdog.schedule(() -> {
                                gaveUp[0] = true;
                                reader[0].close();
                            }, GIVE_UP_SECONDS, TimeUnit.SECONDS);
                        }
                    }
                    case READING -> {
                        if (giveUp != null) {
                            giveUp.cancel(false);
                            giveUp = null;
                            err.println("highwater: the broker answers again");
                            err.flush();
                        }
                    }
                    default -> {
                    }
                }
            }
        };
        TailRequest request = new TailRequest(topic, partition, start, follow, limit == null ? 0 : limit, until);
        reader[0] = source.open(request, listener);
        Thread stopOnSignal = new Thread(reader[0]::close, "tail-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            reader[0].run();
        } catch (TailException e) {
            throw new CommandFailure(e.getMessage());
        } finally {
            printer.finish(); // what was read is printed, a failure to read included
            watchdog.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
        if (gaveUp[0]) {
            throw new CommandFailure("the broker at " + cluster.bootstrap() + " stopped answering for " + GIVE_UP_SECONDS
                    + " s; the records printed so far are complete up to that point");
        }
        return 0;
    }

    /**
     * How a batch is printed, on the printing thread: JSON lines as UTF-8 bytes written straight from the records
     * ({@link JsonLines}), text lines through the writer. False once the output is closed (a pipe whose reader
     * exited), so the tail stops rather than read on for nobody.
     */
    private TailPrinter.Batch printing(RecordFilter recordFilter, FilteredDecoder decoder, TypeSet types,
                                       PrintWriter out) {
        if (format == Format.text) {
            return batch -> {
                for (RawRecord r : batch) {
                    DecodedRecord d = decoder.decodeIfKept(r, recordFilter);
                    if (d != null) {
                        out.println(textLine(d));
                    }
                }
                out.flush();
                return !out.checkError();
            };
        }
        JsonLines lines = new JsonLines(new RecordRendering(types));
        JsonBytes buffer = new JsonBytes(1 << 16);
        OutputStream bytes = StdoutWriter.bytes(out);
        return batch -> {
            for (RawRecord r : batch) {
                DecodedRecord d = decoder.decodeIfKept(r, recordFilter);
                if (d != null) {
                    lines.append(d, buffer);
                    buffer.raw((byte) '\n');
                }
            }
            buffer.writeTo(bytes);
            bytes.flush();
            return !(bytes instanceof PrintStream p && p.checkError()) && !out.checkError();
        };
    }

    private RecordFilter filter() {
        try {
            return RecordFilter.of(Set.of(), "", grep, filter);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private TailStart start() {
        try {
            if (offset != null) {
                if (from != null) {
                    throw new IllegalArgumentException("give --from or --offset, not both");
                }
                return TailStart.offset(offset);
            }
            return TailStart.parse(from == null ? "beginning" : from);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The window's end, or null without --to; it neither follows nor ends before it starts. */
    private Instant until(TailStart start) {
        if (to == null) {
            return null;
        }
        String problem = null;
        Instant until = null;
        try {
            until = Instant.parse(to.strip());
        } catch (java.time.format.DateTimeParseException e) {
            problem = "--to '" + to + "' is not an ISO-8601 instant such as 2024-03-15T09:00:00Z";
        }
        if (problem == null && follow) {
            problem = "give --to or --follow, not both: a read that ends at an instant does not follow new records";
        } else if (problem == null && start.kind() == TailStart.Kind.INSTANT && until.isBefore(start.instant())) {
            problem = "--to " + until + " is before --from " + start.instant() + "; give the window's start first";
        }
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);
        }
        return until;
    }

    static String textLine(DecodedRecord d) {
        RawRecord r = d.raw();
        String head = r.partition() + "/" + r.offset() + "  " + Instant.ofEpochMilli(r.timestamp()) + "  "
                + d.keyLabel() + "  ";
        if (d.poison()) {
            return head + "UNDECODABLE  " + d.problem() + "  hex " + dev.highwater.core.decode.HexDump.hex(r.value(), 64);
        }
        return head + d.typeLabel() + (d.schemaLabel() == null ? "" : " · " + d.schemaLabel()) + "  " + d.summary();
    }
}
