package dev.highwater.bench.fx;

import dev.highwater.bench.BenchReport;
import dev.highwater.ui.FrameCounter;

/** The screen benchmarks' start of JavaFX, with what a missing window means said in the report. */
final class FxToolkit {

    private FxToolkit() {
    }

    /** True when windows can be opened; otherwise false, with the reason noted in the report. */
    static boolean start(BenchReport report) {
        return switch (FrameCounter.startToolkit()) {
            case RUNNING -> true;
            case NO_DISPLAY -> {
                report.note("skipped: no display to open a window on (run under a desktop or Xvfb)");
                yield false;
            }
            case ENDED -> {
                report.note("skipped: the UI toolkit of an earlier suite has ended");
                yield false;
            }
        };
    }
}
