package dev.highwater.cli;

import dev.highwater.core.evolution.CompatibilityCheck;
import dev.highwater.core.evolution.CompatibilityLevel;
import dev.highwater.core.evolution.DecodabilityCheck;
import dev.highwater.core.evolution.EvolutionReport;
import dev.highwater.core.evolution.Finding;
import dev.highwater.core.evolution.LastRecords;
import dev.highwater.core.evolution.RegisteredVersion;
import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.core.registry.SubjectVersion;
import dev.highwater.core.tail.TailException;
import dev.highwater.core.tail.TailSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Checks a new schema against a subject's registered versions at the subject's compatibility level and,
 * optionally, against the records on a topic: whether the last records of each partition written under the
 * subject still decode with it.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks a new schema against a subject's history and, with --topic, the records on a topic.",
                "The schema (.proto, .avsc or JSON Schema) is compared with the subject's registered versions",
                "at the subject's compatibility level (the latest version, or every one for _TRANSITIVE levels), and",
                "with --topic whether the last records of each partition framed with the subject's schemas still",
                "decode with it, naming the first record (partition, offset) that would not. Reads the topic",
                "without a consumer group. Exit codes: 0 compatible and the records decode, "
                        + SchemasCheckCommand.BREAKS + " incompatible",
                "or a record would not decode, 1 an error (the registry, the cluster, a schema that does not",
                "compile), 2 bad usage."})
final class SchemasCheckCommand implements Callable<Integer> {

    /** The exit code of a schema that breaks the rules or a record that would not decode with it. */
    static final int BREAKS = 3;

    @CommandLine.ParentCommand
    SchemasCommand parent;

    @CommandLine.Mixin
    RegistryOptions registry;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "FILE", description = "the new schema: a .proto file, an .avsc or a JSON Schema")
    Path file;

    @Option(names = "--subject", required = true, paramLabel = "S", description = "the subject to check it against")
    String subject;

    @Option(names = "--compatibility", paramLabel = "LEVEL",
            description = "check at this level instead of the subject's (BACKWARD, FORWARD, FULL, *_TRANSITIVE, NONE)")
    String compatibility;

    @Option(names = "--topic", paramLabel = "T", description = "also decode the topic's records with the new schema")
    String topic;

    @Option(names = "--bootstrap", paramLabel = "B", description = "bootstrap servers of the topic's cluster, host:port[,…]")
    String bootstrap;

    @Option(names = "--config", paramLabel = "FILE", description = "Kafka client properties (security and the like)")
    Path config;

    @Option(names = "--last", paramLabel = "N", description = "how many of the last records of each partition (default ${DEFAULT-VALUE})")
    long last = 1_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (topic != null && bootstrap == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--topic needs --bootstrap (the topic's cluster)");
        }
        if (topic == null && (bootstrap != null || config != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bootstrap and --config go with --topic");
        }
        if (last < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--last must be at least 1, not " + last);
        }
        CompatibilityLevel forced = null;
        if (compatibility != null) {
            try {
                forced = CompatibilityLevel.of(compatibility);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        String text = read(file);
        PrintWriter out = spec.commandLine().getOut();
        try (SchemaRegistry r = parent.open(registry, spec)) {
            List<Integer> versions = r.versions(subject);
            if (versions.isEmpty()) {
                throw new CommandFailure("the subject " + subject + " has no versions in the registry at " + r.where());
            }
            CompatibilityLevel level = forced != null ? forced : level(r.compatibility(subject));
            List<RegisteredVersion> history = new ArrayList<>();
            for (int v : level.transitive() ? versions : List.of(versions.getLast())) {
                SubjectVersion sv = r.version(subject, v);
                history.add(new RegisteredVersion(sv.version(), r.schema(sv.id())));
            }
            RegisteredSchema latest = history.getLast().schema();
            SchemaType type = latest.type();
            matchesType(type);
            Map<String, String> imports = imports(latest);
            EvolutionReport report;
            DecodabilityCheck.Result records = null;
            try {
                report = CompatibilityCheck.check(type, text, imports, history, level);
                if (topic != null) {
                    records = records(r, type, text, imports);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage());
            }
            print(out, report, records);
            out.flush();
            boolean decode = records == null || records.failed() == 0;
            return report.compatible() && decode ? 0 : BREAKS;
        } catch (RegistryException e) {
            throw SchemasCommand.failure(e);
        }
    }

    private DecodabilityCheck.Result records(SchemaRegistry r, SchemaType type, String text,
                                             Map<String, String> imports) throws InterruptedException {
        ClusterOptions cluster = new ClusterOptions();
        cluster.bootstrap = bootstrap;
        cluster.config = config;
        TailSource source = parent.top.adapters().tails().on(cluster.answeredSettings(parent.top.adapters().probe()));
        DecodabilityCheck check = new DecodabilityCheck(type, text, imports, subject, r);
        try {
            LastRecords.read(source, topic, last, check::check);
        } catch (TailException e) {
            throw new CommandFailure(e.getMessage());
        }
        return check.result();
    }

    private void print(PrintWriter out, EvolutionReport report, DecodabilityCheck.Result records) {
        out.println(file.getFileName() + " against " + subject + " at " + report.level() + " (compared with "
                + report.compared().stream().map(v -> "v" + v).reduce((a, b) -> a + ", " + b).orElse("nothing")
                + ")");
        for (Finding f : report.findings()) {
            out.println("  " + f);
        }
        // the level goes with the verdict: at NONE every finding is a note, and "compatible" alone would read as
        // if nothing had changed
        out.println(report.compatible() ? "compatible with the registered versions at " + report.level()
                : "INCOMPATIBLE: " + report.breaking().size() + " finding(s) break " + report.level());
        if (records == null) {
            return;
        }
        out.println("topic " + topic + ": " + records.records() + " records read (the last " + last
                + " offsets of each partition); " + records.checked() + " framed with " + subject + "'s schemas checked, "
                + records.ok() + " decode, " + records.failed() + " do not; " + records.otherSubjects()
                + " of other subjects, " + records.unframed() + " not framed");
        records.notes().forEach(n -> out.println("  note: " + n));
        if (records.first() != null) {
            out.println("first record that would not decode: " + records.first());
        } else if (records.checked() > 0) {
            out.println("every record checked decodes with the new schema");
        }
    }

    private static CompatibilityLevel level(String registryLevel) {
        try {
            return CompatibilityLevel.of(registryLevel);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("the registry answers the compatibility level " + registryLevel
                    + ", which Highwater does not know; give --compatibility");
        }
    }

    /** A file whose name says another type than the subject's is a mistake worth one line, not a parse error. */
    private void matchesType(SchemaType type) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        SchemaType named = name.endsWith(".proto") ? SchemaType.PROTOBUF : name.endsWith(".avsc") ? SchemaType.AVRO
                : name.endsWith(".json") ? SchemaType.JSON : null;
        if (named != null && named != type && !(named == SchemaType.JSON && type == SchemaType.AVRO)) {
            throw new CommandFailure(file + " is " + named + " by its name, but the subject " + subject + " holds "
                    + type + " schemas");
        }
    }

    /**
     * What the new schema imports: the latest version's references, each replaced by a file of the same path
     * beside the new one where there is one (the user's newer copy of an imported schema).
     */
    private Map<String, String> imports(RegisteredSchema latest) {
        Map<String, String> imports = new LinkedHashMap<>(latest.referenced());
        Path folder = file.toAbsolutePath().getParent();
        for (String name : latest.referenced().keySet()) {
            Path beside = folder.resolve(name).normalize();
            if (beside.startsWith(folder) && Files.isRegularFile(beside)) {
                imports.put(name, read(beside));
            }
        }
        return imports;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("the schema file " + path + " does not exist");
        } catch (IOException e) {
            throw new CommandFailure("the schema file " + path + " could not be read: " + e.getMessage());
        }
    }
}
