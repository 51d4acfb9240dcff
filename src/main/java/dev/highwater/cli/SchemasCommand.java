package dev.highwater.cli;

import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaReference;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SubjectVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A schema registry's subjects: listed, one version shown with its references, and a new schema checked against
 * a subject's history and the records on a topic ({@link SchemasCheckCommand}). Read-only.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = {"A schema registry's subjects (Confluent API: Confluent, Apicurio's ccompat, Karapace,",
                "Redpanda): list them, show one version with its references, or check a new schema.",
                "Exit codes: 0 success, 1 a failure in one line on stderr (a registry that does not answer or",
                "refuses the credentials, an unknown subject), 2 bad usage; check: "
                        + SchemasCheckCommand.BREAKS + " when the new schema breaks",
                "the rules or a record on the topic would not decode with it."},
        subcommands = {SchemasCommand.ListSubjects.class, SchemasCommand.GetSubject.class, SchemasCheckCommand.class})
public final class SchemasCommand implements Runnable {

    @CommandLine.ParentCommand
    HighwaterCommand top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, get or check");
    }

    /**
     * Opens the registry the options name; settings that cannot be used are one line (exit 1), no registry named
     * is bad usage (exit 2).
     */
    SchemaRegistry open(RegistryOptions registry, CommandLine.Model.CommandSpec at) {
        if (!registry.given()) {
            throw new CommandLine.ParameterException(at.commandLine(),
                    "give the registry: --schema-registry URL or --registry-config FILE");
        }
        try {
            return top.adapters().registries().open(registry.settings(), SecretResolver.system());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /** The registry's failure as the command's one line. */
    static CommandFailure failure(RegistryException e) {
        return new CommandFailure(e.getMessage());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the subjects with their latest version, schema type, id and compatibility level.")
    static final class ListSubjects implements Callable<Integer> {

        @CommandLine.ParentCommand
        SchemasCommand parent;

        @CommandLine.Mixin
        RegistryOptions registry;

        @CommandLine.Mixin
        VerboseOption verbose;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (SchemaRegistry r = parent.open(registry, spec)) {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"SUBJECT", "LATEST", "TYPE", "ID", "COMPATIBILITY"});
                for (String subject : r.subjects()) {
                    SubjectVersion latest = r.version(subject, -1);
                    rows.add(new String[] {subject, "v" + latest.version(), r.schema(latest.id()).type().name(),
                            Integer.toString(latest.id()), r.compatibility(subject)});
                }
                if (rows.size() == 1) {
                    out.println("no subjects in the registry at " + r.where());
                } else {
                    printColumns(out, rows);
                }
                out.flush();
                return 0;
            } catch (RegistryException e) {
                throw failure(e);
            }
        }
    }

    // no standard help mixin: its -V/--version would take the --version this command needs for a subject's version
    @Command(name = "get",
            description = {"Prints one version of a subject with the schemas it references and the subject's level.",
                    "The latest version unless --version: its id, type, the subject's compatibility level, the",
                    "schema text and every schema it references (recursively), with their texts."})
    static final class GetSubject implements Callable<Integer> {

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @CommandLine.ParentCommand
        SchemasCommand parent;

        @CommandLine.Mixin
        RegistryOptions registry;

        @CommandLine.Mixin
        VerboseOption verbose;

        @Parameters(index = "0", paramLabel = "SUBJECT", description = "the subject")
        String subject;

        @Option(names = "--version", paramLabel = "N", description = "the version (default: the latest)")
        Integer version;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (version != null && version < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--version must be 1 or more, not " + version);
            }
            PrintWriter out = spec.commandLine().getOut();
            try (SchemaRegistry r = parent.open(registry, spec)) {
                SubjectVersion v = r.version(subject, version == null ? -1 : version);
                List<Integer> versions = r.versions(subject);
                RegisteredSchema s = r.schema(v.id());
                out.println("subject:       " + v.subject());
                out.println("version:       " + v.version() + " (versions " + versions.stream().map(String::valueOf)
                        .reduce((a, b) -> a + ", " + b).orElse("") + ")");
                out.println("id:            " + v.id());
                out.println("type:          " + s.type());
                out.println("compatibility: " + r.compatibility(subject));
                for (SchemaReference ref : s.references()) {
                    out.println("reference:     " + ref.name() + " -> " + ref.subject() + " v" + ref.version());
                }
                out.println();
                out.println(s.text().stripTrailing());
                s.referenced().forEach((name, text) -> {
                    out.println();
                    out.println("--- referenced: " + name);
                    out.println(text.stripTrailing());
                });
                out.flush();
                return 0;
            } catch (RegistryException e) {
                throw failure(e);
            }
        }
    }

    /** Left-aligned columns two spaces apart. */
    static void printColumns(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
