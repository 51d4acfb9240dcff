package dev.highwater.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a watching command says on stderr while the cluster does not answer: once per reason, not once per
 * attempt, so a long outage is one line rather than a screenful.
 */
final class WaitingNotice {

    private final PrintWriter err;
    private final String bootstrap;
    private final double intervalSeconds;
    private String said;

    WaitingNotice(PrintWriter err, String bootstrap, double intervalSeconds) {
        this.err = err;
        this.bootstrap = bootstrap;
        this.intervalSeconds = intervalSeconds;
    }

    void say(String reason) {
        if (Objects.equals(reason, said)) {
            return;
        }
        said = reason;
        String why = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
        String every = BigDecimal.valueOf(intervalSeconds).stripTrailingZeros().toPlainString();
        err.println("waiting for the cluster at " + bootstrap + ": " + why + "; trying again every " + every
                + " s until it answers (Ctrl-C to stop)");
        err.flush();
    }
}
