package dev.highwater.bench;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.core.serve.ClusterLag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serve-scrape suite on a small cluster: its refresh has every kind of series, and its scrapes are timed. */
class ServeScrapeBenchTest {

    @Test
    void theSyntheticRefreshHasRatesLagInSecondsAndAHotPartitionPerGroup() {
        ClusterLag cluster = ServeScrapeBench.cluster(3, 8);
        assertEquals(3, cluster.groups().size());
        for (GroupLag g : cluster.groups()) {
            assertEquals(8, g.partitions().size());
            assertEquals(1, g.partitions().stream().filter(PartitionLag::hot).count(), g.toString());
            PartitionLag p = g.partitions().getFirst();
            assertNotNull(p.lagSeconds());
            assertEquals(100.0, p.produceRate(), 1e-9);
            assertEquals(110.0, p.consumeRate(), 1e-9);
            assertNotNull(p.secondsToDrain());
        }
    }

    @Test
    void scrapesAreTimedWithAndWithoutPartitionSeriesAndGzip() throws Exception {
        StringWriter text = new StringWriter();
        BenchReport report = new BenchReport(new PrintWriter(text, true));
        ServeScrapeBench.run(report, 10, 160, 2);
        List<BenchReport.Figure> figures = report.figures();
        assertEquals(10, figures.size(), text.toString());
        for (BenchReport.Figure f : figures) {
            assertTrue(f.median() > 0 && f.median() < 60, f.toString());
        }
        // 160 partitions x 7 series + 10 hot + 10 groups x 12 + 6 of the cluster
        assertTrue(text.toString().contains("10 groups, 160 partitions: 1256 series"), text.toString());
        assertTrue(text.toString().contains("10 groups, 160 partitions, --no-partition-metrics: 136 series"),
                text.toString());
    }
}
