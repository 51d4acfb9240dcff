package dev.highwater.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The completion scripts, and a command line built with only the subcommand a process runs. */
class CompletionCommandTest {

    @Test
    void bashCompletionNamesEverySubcommandAndTheirOptions() {
        CommandRun r = CommandRun.of("completion", "bash");
        assertEquals(0, r.exit(), r.err());
        Set<String> names = HighwaterCommand.commandLine().getSubcommands().keySet();
        assertTrue(names.containsAll(List.of("demo", "lag", "tail", "reset-offsets", "audit", "grpc", "bench",
                "schemas", "completion", "help")), names.toString());
        String commands = r.out().lines().filter(l -> l.trim().startsWith("local commands=")).findFirst().orElse("");
        for (String name : names) {
            assertTrue(commands.contains(name), name + " missing from " + commands);
        }
        assertTrue(r.out().contains("'--group'") && r.out().contains("'--topic'"), "options of lag and tail");
        assertTrue(r.out().contains("complete -F _complete_highwater"), "bound to the command users type");
    }

    @Test
    void zshCompletionIsAFileZshLoadsForHighwater() {
        CommandRun r = CommandRun.of("completion", "zsh");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("#compdef highwater\n"), r.out().lines().findFirst().orElse(""));
        assertTrue(r.out().contains("function _picocli_highwater_tail()"), "the same completion as bash");
    }

    @Test
    void anUnknownShellIsBadUsage() {
        CommandRun r = CommandRun.of("completion", "fish");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("highwater: "), r.err());
    }

    @Test
    void aProcessGetsOnlyTheSubcommandItRuns() {
        assertEquals(Set.of("lag"), HighwaterCommand.commandLine("lag", "--bootstrap", "b:9092", "--group", "g")
                .getSubcommands().keySet());
        assertTrue(HighwaterCommand.commandLine("--version").getSubcommands().isEmpty());
        // help, completion and a name to correct describe every subcommand
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"help", "lag"},
                new String[] {"completion", "bash"}, new String[] {"tial"})) {
            assertEquals(HighwaterCommand.commandLine().getSubcommands().keySet(),
                    HighwaterCommand.commandLine(args).getSubcommands().keySet(), String.join(" ", args));
        }
    }

    @Test
    void theOneSubcommandBuiltRunsAsWhenAllAre() {
        CommandLine lag = HighwaterCommand.commandLine("lag", "--bootstrap", "not a host list", "--group", "g");
        StringWriter err = new StringWriter();
        lag.setErr(new PrintWriter(err));
        int exit = lag.execute("lag", "--bootstrap", "not a host list", "--group", "g");
        assertEquals(1, exit, err.toString());
        assertTrue(err.toString().startsWith("highwater: "), err.toString());
        assertEquals(0, HighwaterCommand.commandLine("--version").execute("--version"));
    }
}
