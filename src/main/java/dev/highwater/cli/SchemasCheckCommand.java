package dev.highwater.cli;

import dev.highwater.core.evolution.CompatibilityLevel;
import dev.highwater.core.evolution.DecodabilityCheck;
import dev.highwater.core.evolution.EvolutionReport;
import dev.highwater.core.evolution.Finding;
import dev.highwater.core.evolution.SchemaFileCheck;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.tail.TailSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
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
        String text;
        try {
            text = SchemaFileCheck.read(file);
        } catch (SchemaFileCheck.Problem e) {
            throw new CommandFailure(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (SchemaRegistry r = parent.open(registry, spec)) {
            SchemaFileCheck.Topic records = topic == null ? null
                    : new SchemaFileCheck.Topic(topic, last, this::tails);
            SchemaFileCheck.Result result;
            try {
                result = SchemaFileCheck.check(r, file, text, subject, forced, records);
            } catch (SchemaFileCheck.UnknownLevel e) {
                throw new CommandFailure(e.getMessage() + "; give --compatibility");
            } catch (SchemaFileCheck.Problem e) {
                throw new CommandFailure(e.getMessage());
            }
            print(out, result.report(), result.records());
            out.flush();
            return result.passes() ? 0 : BREAKS;
        } catch (RegistryException e) {
            throw SchemasCommand.failure(e);
        }
    }

    /** The topic's cluster, once the history has been checked: a cluster that does not answer ends the command. */
    private TailSource tails() {
        ClusterOptions cluster = new ClusterOptions();
        cluster.bootstrap = bootstrap;
        cluster.config = config;
        return parent.top.adapters().tails().on(cluster.answeredSettings(parent.top.adapters().probe()));
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
}
