package dev.highwater.ui.partitions;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.axes.spi.format.DefaultFormatter;
import io.fair_acc.dataset.spi.fastutil.DoubleArrayList;
import javafx.scene.text.Text;

import java.time.ZoneId;

/**
 * The charts' axes. chart-fx spaces ticks as if every label were two characters wide, so clock times ran into
 * each other ("3:19:103:19:30"); the time axis here spaces them by the width its labels really take. Both kinds
 * step in round units and label every tick of an axis in one format.
 */
final class ChartAxes {

    /** Free room between two time labels, in pixels. */
    private static final double LABEL_GAP = 16;

    private ChartAxes() {
    }

    /** Wall-clock time of the local zone; values are seconds since the epoch, as chart-fx time axes count. */
    static DefaultNumericAxis time() {
        TimeAxis axis = new TimeAxis();
        axis.setUnit(null);
        axis.setTimeAxis(true);
        axis.setAutoRangeRounding(false);
        axis.setMinorTickCount(0);
        axis.setAxisLabelFormatter(new TimeLabels(axis));
        return axis;
    }

    /** A quantity from zero up, in the given unit. */
    static DefaultNumericAxis quantity(String name, String unit) {
        DefaultNumericAxis axis = new DefaultNumericAxis(name, unit);
        axis.setForceZeroInRange(true);
        axis.setAxisLabelFormatter(new NumberLabels(axis));
        return axis;
    }

    private static final class TimeAxis extends DefaultNumericAxis {
        private final Text measure = new Text();

        TimeAxis() {
            super("time");
        }

        /**
         * As many ticks as labels fit side by side with a gap between them, at a round time step, and at least
         * one tick where its label fits whole (see {@link #calculateMajorTickValues}), however far one zooms in.
         */
        @Override
        public double computePreferredTickUnit(double axisLength) {
            double span = getMax() - getMin();
            if (!(span > 0) || !(axisLength > 0)) {
                return 1;
            }
            double step = 1;
            // the label is wider below a second (tenths): measure at the step the first guess gives
            for (int i = 0; i < 2; i++) {
                double label = labelWidth(step);
                double inner = Math.max(axisLength - label, 1); // where a tick's label is not cut by the ends
                double innerSpan = span * inner / axisLength;
                int fitting = (int) Math.floor(inner / (label + LABEL_GAP)) + 1;
                step = fitting >= 2 ? AxisTicks.timeStep(innerSpan / Math.min(fitting - 1, getMaxMajorTickLabelCount()))
                        : Double.POSITIVE_INFINITY;
                if (step > innerSpan) {
                    step = AxisTicks.timeStepAtMost(innerSpan);
                }
            }
            return step;
        }

        /**
         * Leaves out ticks whose label would stick out past either end of the axis (where it was cut in half) or
         * touch the label before it.
         */
        @Override
        protected void calculateMajorTickValues(AxisRange range, DoubleArrayList ticks) {
            super.calculateMajorTickValues(range, ticks);
            double span = range.getUpperBound() - range.getLowerBound();
            double length = range.getAxisLength();
            if (!(span > 0) || !(length > 0)) {
                return;
            }
            double label = labelWidth(range.getTickUnit());
            DoubleArrayList kept = new DoubleArrayList(ticks.size());
            double last = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < ticks.size(); i++) {
                double at = (ticks.getDouble(i) - range.getLowerBound()) / span * length;
                if (at >= label / 2 && at <= length - label / 2 && at - last >= label + LABEL_GAP / 2) {
                    kept.add(ticks.getDouble(i));
                    last = at;
                }
            }
            ticks.setAll(kept);
        }

        private double labelWidth(double step) {
            measure.setFont(getTickLabelFont());
            measure.setText(AxisTicks.widestClock(step));
            return measure.getLayoutBounds().getWidth();
        }
    }

    /** Clock times at the axis's current step. */
    private static final class TimeLabels extends DefaultFormatter {
        private final ZoneId zone = ZoneId.systemDefault();
        private double step = 1;

        TimeLabels(DefaultNumericAxis axis) {
            super(axis);
            setTickUnitSupplier(AxisTicks::timeStep);
        }

        @Override
        public void updateFormatter(DoubleArrayList ticks, double unitScaling) {
            super.updateFormatter(ticks, unitScaling);
            step = ticks.size() > 1 ? ticks.getDouble(1) - ticks.getDouble(0) : 1;
        }

        @Override
        public String toString(Number epochSeconds) {
            return AxisTicks.clock(epochSeconds.doubleValue(), step, zone);
        }
    }

    /** Numbers in the one format the axis's ticks call for. */
    private static final class NumberLabels extends DefaultFormatter {
        private AxisTicks.NumberFormat format = AxisTicks.NumberFormat.PLAIN;

        NumberLabels(DefaultNumericAxis axis) {
            super(axis);
            setTickUnitSupplier(AxisTicks::numberStep);
        }

        @Override
        public void updateFormatter(DoubleArrayList ticks, double unitScaling) {
            super.updateFormatter(ticks, unitScaling);
            double largest = 0;
            for (int i = 0; i < ticks.size(); i++) {
                largest = Math.max(largest, Math.abs(ticks.getDouble(i)));
            }
            double step = ticks.size() > 1 ? ticks.getDouble(1) - ticks.getDouble(0) : largest;
            format = AxisTicks.NumberFormat.forTicks(step, largest);
        }

        @Override
        public String toString(Number value) {
            return format.format(value.doubleValue());
        }
    }
}
