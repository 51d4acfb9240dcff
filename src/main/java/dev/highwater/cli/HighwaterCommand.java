package dev.highwater.cli;

import dev.highwater.core.text.ErrorText;
import dev.highwater.app.Adapters;
import dev.highwater.app.AppVersion;
import dev.highwater.app.Wiring;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Stream;

/** The top-level command: its subcommands drive the same engine as the GUI. */
@Command(name = "highwater",
        mixinStandardHelpOptions = true,
        versionProvider = HighwaterCommand.Version.class,
        description = {
                "A console for Kafka and gRPC backends: lag, hot partitions, live decoding, ledger audits.",
                "With no arguments, opens the desktop console on the embedded demo."})
public final class HighwaterCommand implements Runnable {

    /**
     * Every subcommand, in the order {@code --help} lists them. Not in the annotation: picocli builds the model of
     * every subcommand it is given (their options, and the classes those name) before it parses a word, and a
     * command run from a shell needs only its own; see {@link #commandLine(String...)}.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(DemoCommand.class, LagCommand.class, ServeCommand.class,
            TailCommand.class, ResetOffsetsCommand.class, ReportCommand.class, AuditCommand.class, TableCommand.class,
            GrpcCommand.class, BenchCommand.class, SchemasCommand.class, CompletionCommand.class,
            CommandLine.HelpCommand.class);

    /** The subcommands that describe all the others, and so need them all. */
    private static final List<Class<?>> DESCRIBING_ALL = List.of(CompletionCommand.class,
            CommandLine.HelpCommand.class);

    private static final List<String> VERSION_OPTIONS = List.of("-V", "--version");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Adapters adapters;

    private HighwaterCommand(Adapters adapters) {
        this.adapters = adapters;
    }

    /** What the subcommands reach clusters, the demo and snapshots through. */
    Adapters adapters() {
        return adapters;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Builds the command line with Highwater's exit-code rules: 0 success, 2 bad usage, 1 an explained failure. */
    public static CommandLine commandLine() {
        return commandLine(Wiring.commandLine());
    }

    /** As {@link #commandLine()}, the subcommands using the given adapters. */
    public static CommandLine commandLine(Adapters adapters) {
        return commandLine(adapters, SUBCOMMANDS);
    }

    /**
     * As {@link #commandLine()}, with only the subcommands these arguments can reach, for a process that runs one
     * command: the one they name first (and only it), none for {@code --version}, every one otherwise (help,
     * completion, a mistyped name that picocli suggests a correction for).
     */
    public static CommandLine commandLine(String... args) {
        return commandLine(Wiring.commandLine(), reachable(args));
    }

    static List<Class<?>> reachable(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return SUBCOMMANDS.stream()
                        .filter(c -> !DESCRIBING_ALL.contains(c) && namesOf(c).contains(arg))
                        .findFirst().<List<Class<?>>>map(List::of).orElse(SUBCOMMANDS);
            }
            if (!VERSION_OPTIONS.contains(arg)) {
                return SUBCOMMANDS;
            }
        }
        return List.of();
    }

    private static List<String> namesOf(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        return command == null ? List.of() : Stream.concat(Stream.of(command.name()), Stream.of(command.aliases()))
                .toList();
    }

    private static CommandLine commandLine(Adapters adapters, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new HighwaterCommand(adapters), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == GrpcCommand.class ? type.cast(new GrpcCommand(adapters.grpc()))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        // made by the factory above; added before the settings below, which reach only the subcommands already there
        subcommands.forEach(cl::addSubcommand);
        // the descriptions are written as lines of up to about 105 characters; at picocli's default 80 each
        // would break in two
        cl.setUsageHelpWidth(110);
        cl.setOut(new StdoutWriter(System.out)); // tail streams its bytes straight to it
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
        // bad usage is one line like any other failure; the usage help is one --help away, not 40 lines of noise
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine at = ex.getCommandLine();
            at.getErr().println("highwater: " + ErrorText.oneLine(ex));
            at.getErr().flush();
            return 2;
        });
        cl.setExecutionStrategy(parseResult -> {
            if (!reachesABackend(parseResult)) {
                return new CommandLine.RunLast().execute(parseResult); // demo, bench: their logging as configured
            }
            try (ClientLibraryLogs logs = ClientLibraryLogs.quietUnless(verbose(parseResult))) {
                return new CommandLine.RunLast().execute(parseResult);
            }
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (verbose(parseResult) && !(ex instanceof CommandFailure)) {
                // an explained failure is its line; an unexpected one shows where it came from when asked
                ex.printStackTrace(err);
            }
            err.println("highwater: " + ErrorText.oneLine(ex));
            err.flush();
            return 1;
        });
        return cl;
    }

    /** Whether the command run is a client of a cluster or backend: those are the ones that take --verbose. */
    private static boolean reachesABackend(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        return leaf.commandSpec().findOption(VerboseOption.NAME) != null;
    }

    /** Whether --verbose was given to the command or to any command above it. */
    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VerboseOption.NAME)) {
                return true;
            }
        }
        return false;
    }

    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Highwater " + AppVersion.get(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
