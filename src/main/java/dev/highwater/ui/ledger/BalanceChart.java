package dev.highwater.ui.ledger;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.axes.spi.format.DefaultFormatter;
import io.fair_acc.chartfx.axes.spi.format.DefaultTimeFormatter;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.HPos;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One account's balance over time, with a line at the instant audited: the chart of the Ledger screen. */
final class BalanceChart {

    private BalanceChart() {
    }

    static XYChart create(AccountHistoryModel history, ObjectProperty<ZoneId> zone) {
        DefaultNumericAxis time = new DefaultNumericAxis("time");
        time.setUnit(null);
        time.setTimeAxis(true);
        time.setAutoRangeRounding(false);
        // "14:48:10" takes some 55 px: more labels than this run together across half a 1280 px window
        time.setMaxMajorTickLabelCount(6);
        time.setAxisLabelFormatter(new DefaultTimeFormatter(time) {
            @Override
            public String toString(Number epochSeconds) {
                boolean withinADay = time.getMax() - time.getMin() < 86_400;
                return DateTimeFormatter.ofPattern(withinADay ? "HH:mm:ss" : "MM-dd HH:mm").format(Instant.ofEpochMilli(
                        Math.round(epochSeconds.doubleValue() * 1000)).atZone(zone.get()));
            }
        });
        DefaultNumericAxis y = new DefaultNumericAxis("balance");
        y.setUnit(null);
        y.setAxisLabelFormatter(new DefaultFormatter(y) {
            @Override
            public String toString(Number value) {
                return Decimals.compact(value.doubleValue());
            }
        });
        y.setForceZeroInRange(false);
        y.setAutoRangeRounding(true);
        ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPolyLineStyle(LineStyle.STAIR_CASE);
        renderer.setDrawMarker(false);
        renderer.setPointReduction(false);
        renderer.getDatasets().add(history.balanceSeries());
        history.balanceSeries().setStyle("-fx-line-color: -hw-balance-line; -fx-line-width: 1.5;"); // the theme's colour
        XYChart c = new XYChart(time, y);
        c.getRenderers().setAll(renderer);
        c.setTitle("Balance over time");
        c.setLegendVisible(false);
        c.setAnimated(false);
        Zoomer zoomer = new Zoomer();
        zoomer.setSliderVisible(false);
        c.getPlugins().add(zoomer);
        // the curve goes on past the instant audited (what happened next is context); a line marks the instant
        XValueIndicator instant = new XValueIndicator(time, 0, "");
        instant.setEditable(false);
        history.historyProperty().addListener((o, was, h) -> {
            if (h == null) {
                c.getPlugins().remove(instant);
                return;
            }
            instant.setValue(h.at().toEpochMilli() / 1000.0);
            // the label beside the line, on the side with room: centred on a line at the edge it would be cut
            long[] t = h.chartTimes();
            long first = t.length == 0 ? h.at().toEpochMilli() : Math.min(t[0], h.at().toEpochMilli());
            long last = t.length == 0 ? h.at().toEpochMilli() : Math.max(t[t.length - 1], h.at().toEpochMilli());
            instant.setLabelHorizontalAnchor(h.at().toEpochMilli() - first > (last - first) / 2 ? HPos.RIGHT
                    : HPos.LEFT);
            instant.setText("at " + DateTimeFormatter.ofPattern("HH:mm:ss").format(h.at().atZone(zone.get())));
            if (!c.getPlugins().contains(instant)) {
                c.getPlugins().add(instant);
            }
        });
        c.setMinHeight(160);
        c.getStyleClass().add("balance-chart");
        return c;
    }
}
