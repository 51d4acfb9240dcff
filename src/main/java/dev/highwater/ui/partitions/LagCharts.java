package dev.highwater.ui.partitions;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * Three charts of the selected group, side by side: lag in offsets, lag in seconds, throughput (produce solid,
 * consume dashed). They share one legend, since a partition has the same colour in each. The data sets are
 * the model's and are written off the UI thread; this class only styles them and lays the charts out.
 */
final class LagCharts {

    /**
     * How many line colours the theme defines (series-1 … series-12 in highwater.css): calm ones for partitions
     * that keep up; hot partitions take the warm ones (series-hot-1, series-hot-2).
     */
    private static final int CALM_COLOURS = 12;
    private static final int HOT_COLOURS = 2;

    private final PartitionsModel model;
    private final List<XYChart> charts = new ArrayList<>();
    private final List<Zoomer> zoomers = new ArrayList<>();
    private final FlowPane legend = new FlowPane(10, 2);
    private final Label legendTitle = new Label();
    private final VBox root;

    LagCharts(PartitionsModel model) {
        this.model = model;
        LagChartSeries s = model.charts();
        charts.add(chart("Lag (offsets)", "lag", "records", s.lag()));
        charts.add(chart("Lag (seconds)", "lag", "s", s.lagSeconds()));
        List<DoubleDataSet> throughput = new ArrayList<>(s.produce());
        throughput.addAll(s.consume());
        charts.add(chart("Produce, consume (dashed)", "rate", "records/s", throughput));
        HBox row = new HBox(4);
        charts.forEach(c -> {
            HBox.setHgrow(c, Priority.ALWAYS);
            c.setMinWidth(120);
            c.setPrefWidth(300);
            row.getChildren().add(c);
        });
        VBox.setVgrow(row, Priority.ALWAYS);
        legendTitle.getStyleClass().add("legend-title");
        VBox legendRow = new VBox(1, staleNote(model), legendTitle, legend);
        legendRow.getStyleClass().add("chart-legend");
        root = new VBox(2, legendRow, row);
        root.getStyleClass().add("lag-charts");
        model.chartLines().addListener((ListChangeListener<LagChartSeries.Line>) c -> restyle());
        model.lastRefreshAtProperty().addListener((o, was, is) -> fitHeights());
        model.partitionsInGroupProperty().addListener((o, was, is) -> restyle());
        restyle();
    }

    /** While the cluster does not answer, the lines end where the values were last read: says so, and since when. */
    private static Label staleNote(PartitionsModel model) {
        Label note = new Label();
        note.setId("charts-stale");
        note.getStyleClass().add("stale-note");
        note.textProperty().bind(Bindings.createStringBinding(() -> model.staleSinceProperty().get() == null ? ""
                : "No new points since " + model.staleSinceProperty().get() + ": the cluster does not answer.",
                model.staleSinceProperty()));
        note.visibleProperty().bind(model.staleSinceProperty().isNotNull());
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }

    Node root() {
        return root;
    }

    List<XYChart> charts() {
        return List.copyOf(charts);
    }

    /** Back to the whole rolling window after zooming in. */
    void resetZoom() {
        zoomers.forEach(Zoomer::zoomOrigin);
        fitHeights();
    }

    /**
     * Sets each chart's height to its highest point (with headroom), once a refresh, unless the user zoomed in.
     * The y axes are not left to auto-ranging: with data sets rewritten from another thread it kept ranges
     * from earlier data and cut off the newest high points.
     */
    private void fitHeights() {
        for (int i = 0; i < charts.size(); i++) {
            XYChart chart = charts.get(i);
            if (!zoomers.get(i).zoomStackDeque().isEmpty()) {
                continue;
            }
            double highest = 0;
            for (DataSet ds : chart.getRenderers().getFirst().getDatasets()) {
                highest = Math.max(highest, highest(ds));
            }
            DefaultNumericAxis y = (DefaultNumericAxis) chart.getYAxis();
            double top = highest <= 0 ? 1 : highest * 1.08;
            if (y.getMin() != 0 || Math.abs(y.getMax() - top) > top * 0.02) {
                y.set(0, top);
                y.invalidateRange();
            }
        }
    }

    /** The data set's highest point, from the limits its writer already computed (NaN gaps left out). */
    private static double highest(DataSet ds) {
        double[] max = {0};
        ds.lock().readLockGuard(() -> {
            if (ds.getDataCount() > 0 && ds.getAxisDescription(DataSet.DIM_Y).isDefined()) {
                max[0] = ds.getAxisDescription(DataSet.DIM_Y).getMax();
            }
        });
        return Double.isFinite(max[0]) ? max[0] : 0;
    }

    private XYChart chart(String title, String name, String unit, List<DoubleDataSet> sets) {
        // local wall-clock time on one line (chart-fx's own time labels add a second line at some ranges)
        DefaultNumericAxis time = ChartAxes.time();
        DefaultNumericAxis y = ChartAxes.quantity(name, unit);
        y.setAutoRanging(false); // see fitHeights
        y.set(0, 1);
        ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setDrawMarker(false);
        renderer.setAllowNaNs(true); // a NaN is a gap: the line breaks instead of dropping to zero
        renderer.setPointReduction(false);
        renderer.getDatasets().addAll(sets);
        XYChart chart = new XYChart(time, y);
        chart.getRenderers().setAll(renderer);
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        Zoomer zoomer = new Zoomer();
        zoomer.setSliderVisible(false);
        zoomers.add(zoomer);
        chart.getPlugins().add(zoomer);
        chart.getStyleClass().add("lag-chart");
        return chart;
    }

    private void restyle() {
        LagChartSeries s = model.charts();
        legend.getChildren().clear();
        int hot = 0;
        long topics = model.chartLines().stream().map(l -> l.partition().topic()).distinct().count();
        for (LagChartSeries.Line line : model.chartLines()) {
            String colour = line.hot() ? "series-hot-" + (hot++ % HOT_COLOURS + 1)
                    : "series-" + (line.slot() % CALM_COLOURS + 1);
            String width = line.hot() ? "2.5" : "1.2";
            // the theme's looked-up colour, so the lines follow a switch between light and dark
            String solid = "-fx-line-color: -hw-" + colour + "; -fx-line-width: " + width + ";";
            s.lag().get(line.slot()).setStyle(solid);
            s.lagSeconds().get(line.slot()).setStyle(solid);
            s.produce().get(line.slot()).setStyle(solid);
            s.consume().get(line.slot()).setStyle(solid + " -fx-line-dash-array: 5 4;");
            legend.getChildren().add(chip(line, colour, topics == 1));
        }
        int total = model.partitionsInGroupProperty().get();
        int drawn = model.chartLines().size();
        String of = topics == 1 ? "partitions of " + model.chartLines().getFirst().partition().topic() : "partitions";
        legendTitle.setText(drawn == 0 ? "No partitions to chart yet"
                : drawn < total ? "The " + drawn + " of " + total + " " + of + " with the largest lag (hot in red):"
                : "All " + drawn + " " + of + " (hot in red):");
    }

    /**
     * @param colour     the theme's name for the line's colour, e.g. series-3
     * @param numberOnly when one topic: the partition's number says enough
     */
    private static Node chip(LagChartSeries.Line line, String colour, boolean numberOnly) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("swatch", colour);
        String text = numberOnly ? String.valueOf(line.partition().partition()) : line.partition().toString();
        Label name = new Label(text + (line.hot() ? " HOT" : ""), swatch);
        name.getStyleClass().add(line.hot() ? "legend-hot" : "legend-item");
        return name;
    }

    /** For tests: how many points the charts hold in all. */
    int points() {
        return charts.stream().flatMap(c -> c.getAllDatasets().stream()).mapToInt(DataSet::getDataCount).sum();
    }
}
