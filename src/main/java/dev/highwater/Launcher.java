package dev.highwater;

import dev.highwater.app.Wiring;
import dev.highwater.cli.HighwaterCommand;
import dev.highwater.ui.DesktopUi;

import java.util.OptionalInt;

/**
 * The entry point. A plain class (not a JavaFX Application) so that {@code java -jar} and class-path runs can
 * start JavaFX. No arguments: the desktop console on the embedded demo; otherwise a subcommand.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        OptionalInt bounded = MemoryLimits.runBoundedIfUnbounded(args);
        if (bounded.isPresent()) {
            System.exit(bounded.getAsInt());
        }
        if (args.length == 0) {
            DesktopUi.launch(Wiring.desktop());
            System.exit(0); // the broker and clients may leave non-daemon threads behind once stopped
        }
        System.exit(HighwaterCommand.commandLine().execute(args));
    }
}
