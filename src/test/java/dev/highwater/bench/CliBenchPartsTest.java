package dev.highwater.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cli suite's pure parts: what it reads of a process's figures, how it counts output, the ratio lines. */
class CliBenchPartsTest {

    @Test
    void gnuTimeGivesUserPlusSystemSecondsAndThePeakInMegabytes() {
        ProcessMeter.Usage usage = ProcessMeter.parseGnuTime("1.02 0.23 91136\n");
        assertEquals(1.25, usage.cpuSeconds(), 1e-9);
        assertEquals(89.0, usage.peakMegabytes(), 1e-9);
        // a failed command gets a line of time's own first; the figures are still on the last
        ProcessMeter.Usage failed = ProcessMeter.parseGnuTime("Command exited with non-zero status 1\n0.50 0.10 2048\n");
        assertEquals(0.6, failed.cpuSeconds(), 1e-9);
        assertEquals(2.0, failed.peakMegabytes(), 1e-9);
        assertThrows(IllegalStateException.class, () -> ProcessMeter.parseGnuTime(""));
        assertThrows(IllegalStateException.class, () -> ProcessMeter.parseGnuTime("Command terminated by signal 9\n"));
    }

    @Test
    void theHighWaterMarkIsReadFromProcStatus() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  262144 kB\nVmRSS:\t  200000 kB\n";
        assertEquals(262_144, ProcessMeter.highWaterKilobytes(status));
        assertEquals(0, ProcessMeter.highWaterKilobytes("Name:\tkthreadd\nState:\tS (sleeping)\n"));
    }

    @Test
    void kcatRecordsAreCountedByTheirSizeEvenWhenTheValueHoldsNewlines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] value = {0x0A, 0x20, '\n', ' ', 0x10, '\n'};
        out.writeBytes(("3 41 acct-0001 " + value.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
        out.writeBytes("\n11 7  0 \n".getBytes(StandardCharsets.US_ASCII)); // no key, an empty value
        byte[] bytes = out.toByteArray();
        KcatFrames frames = new KcatFrames();
        for (byte b : bytes) { // one byte at a time: a record split across reads anywhere still counts once
            frames.accept(new byte[] {b}, 0, 1);
        }
        assertEquals(2, frames.count());
        assertTrue(frames.complete());

        KcatFrames whole = new KcatFrames();
        whole.accept(bytes, 0, bytes.length - 1); // the last newline still to come
        assertEquals(1, whole.count());
        assertFalse(whole.complete());
        assertThrows(IllegalStateException.class,
                () -> new KcatFrames().accept("x 1 k 1 a\n".getBytes(StandardCharsets.US_ASCII), 0, 10));
    }

    @Test
    void linesAreCountedAndSmallOutputsKeptAsText() {
        OutputSink lines = OutputSink.lines();
        byte[] json = "{\"a\":\"x\\ny\"}\n{}\n".getBytes(StandardCharsets.UTF_8);
        lines.accept(json, 0, json.length);
        assertEquals(2, lines.count());

        OutputSink.Text text = OutputSink.text(8);
        byte[] answer = "group a\ngroup b\n".getBytes(StandardCharsets.UTF_8);
        text.accept(answer, 0, answer.length);
        assertEquals(2, text.count());
        assertEquals("group a\n", text.text());
    }

    @Test
    void theComparisonGivesBothMediansAndTheMedianOfThePairsRatios() {
        double[] ours = {5.0, 6.0, 4.0};
        double[] peer = {10.0, 6.0, 5.0};
        assertEquals(5.0, CliBench.median(ours));
        assertEquals(5.5, CliBench.median(new double[] {6.0, 5.0}));
        assertEquals("every record printed: tail 5.00 s, kcat 6.00 s (medians of 3 runs each); tail / kcat 0.80x"
                        + " (0.50-1.00x over the pairs): goal <= 1x met",
                CliBench.comparison("every record printed", "tail", ours, "kcat", peer));
        assertTrue(CliBench.comparison("lag", "lag", new double[] {2.2}, "ConsumerGroupCommand", new double[] {2.0})
                .endsWith("1.10x (1.10-1.10x over the pairs): goal <= 1x not met"));
    }

    @Test
    void aCeilingIsJudgedOnTheHighestRun() {
        assertEquals("tail's peak resident set: 200 MB median, 260 MB highest of 3 runs: goal < 256 MB not met",
                CliBench.ceiling("tail's peak resident set", new double[] {180, 200, 260}, "MB", 256));
        assertTrue(CliBench.ceiling("peak", new double[] {100}, "MB", 256).endsWith("goal < 256 MB met"));
    }
}
