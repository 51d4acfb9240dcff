package dev.highwater;

import dev.highwater.app.AppLogging;
import dev.highwater.app.Wiring;
import dev.highwater.cli.HighwaterCommand;
import dev.highwater.ui.DesktopUi;

import java.util.OptionalInt;

/**
 * The entry point. A plain class (not a JavaFX Application) so that {@code java -jar} and class-path runs can
 * start JavaFX. No arguments: the desktop console on the embedded demo; otherwise a subcommand.
 */
public final class Launcher {

    static final String HEADLESS_COMMANDS = "the headless commands (demo, lag, tail, audit, grpc) work without one"
            + " (see --help)";

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        OptionalInt bounded = MemoryLimits.runBoundedIfUnbounded(Launcher.class, args);
        if (bounded.isPresent()) {
            System.exit(bounded.getAsInt());
        }
        AppLogging.start();
        if (args.length == 0) {
            if (!DesktopUi.displayAvailable()) {
                System.err.println("highwater: there is no display to open the console on; " + HEADLESS_COMMANDS);
                System.exit(1);
            }
            try {
                DesktopUi.launch(Wiring.desktop());
            } catch (UnsupportedOperationException e) {
                if (e.getMessage() == null || !e.getMessage().contains("DISPLAY")) {
                    throw e;
                }
                System.err.println("highwater: the display " + System.getenv("DISPLAY") + " cannot be opened; "
                        + HEADLESS_COMMANDS);
                System.exit(1);
            }
            System.exit(0); // the broker and clients may leave non-daemon threads behind once stopped
        }
        System.exit(HighwaterCommand.commandLine(args).execute(args));
    }
}
