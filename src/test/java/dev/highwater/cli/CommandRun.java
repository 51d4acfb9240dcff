package dev.highwater.cli;

import dev.highwater.app.Adapters;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One run of the command line in process, as a user's shell would see it: exit code, stdout, stderr. */
public record CommandRun(int exit, String out, String err) {

    /**
     * Where the resets tests execute keep their undo files: a folder of the test run's own, not the user's data
     * folder, which the real adapters would otherwise write to.
     */
    private static final Path DATA_FOLDER = scratchFolder();

    public static CommandRun of(String... args) {
        return with(Adapters.real(DATA_FOLDER), args);
    }

    /** As {@link #of}, with these adapters (an offset reset keeping its undo file in the data folder they name). */
    public static CommandRun with(Adapters adapters, String... args) {
        return run(HighwaterCommand.commandLine(adapters), args);
    }

    private static Path scratchFolder() {
        try {
            return Files.createTempDirectory("highwater-commands");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CommandRun run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
