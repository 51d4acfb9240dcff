package dev.highwater.render;

import dev.highwater.core.report.ReportChart;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Charts drawn off screen: the size asked, a line where there is history and none across a hole in it. */
class PngLineChartsTest {

    private static final int BLUE = 0x1f6fc5;

    @Test
    void aHoleInTheHistoryIsLeftEmpty() throws Exception {
        // one point a second for a minute, nothing for ten minutes, then a minute again; the value stays at 50
        long[] at = new long[120];
        double[] values = new double[120];
        for (int i = 0; i < 120; i++) {
            at[i] = (i < 60 ? i : 600 + i) * 1_000L;
            values[i] = 50;
        }
        byte[] png = new PngLineCharts().png(new ReportChart("Total lag of g", "records",
                List.of(new ReportChart.Line("lag", at, values))), 900, 300);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(900, image.getWidth());
        assertEquals(300, image.getHeight());
        int plotted = (int) Math.round(0.03 * 828) + 72; // within the first minute
        int hole = 72 + 828 / 2; // the middle of the ten minutes without history
        assertTrue(blueIn(image, plotted), "the line is drawn where there is history");
        assertFalse(blueIn(image, hole), "no line is drawn across the hole");
    }

    private static boolean blueIn(BufferedImage image, int x) {
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xffffff) == BLUE) {
                return true;
            }
        }
        return false;
    }
}
