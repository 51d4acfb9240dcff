package dev.highwater;

import dev.highwater.cli.HighwaterCommand;

/**
 * The entry point. A plain class (not a JavaFX Application) so that {@code java -jar} and class-path runs can
 * start JavaFX. No arguments: the desktop console on the embedded demo; otherwise a subcommand.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("highwater: the desktop console is being built; try --help");
            System.exit(2);
        }
        System.exit(HighwaterCommand.commandLine().execute(args));
    }
}
