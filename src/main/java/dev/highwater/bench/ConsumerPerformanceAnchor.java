package dev.highwater.bench;

import org.apache.kafka.common.utils.Exit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka's own ConsumerPerformance, run in this process against a topic, as the anchor of our read-speed figures:
 * its fetch rate (records per second of fetch time, group join excluded) is what a plain consumer reaches on
 * this machine and broker right now. Its output is captured and parsed; its exit calls are turned into
 * exceptions so a failure cannot end the JVM.
 */
public final class ConsumerPerformanceAnchor {

    /** One run: records read, fetch time, and the fetch rate (records/s) Kafka's tool printed. */
    public record Result(long records, double fetchSeconds, double fetchRecordsPerSecond, String line) {
    }

    private ConsumerPerformanceAnchor() {
    }

    /** Reads {@code records} records of the topic from the beginning with ConsumerPerformance. */
    public static synchronized Result run(String bootstrap, String topic, long records) {
        KafkaTools.require();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("ConsumerPerformance exited with " + code + (message == null ? ""
                    : ": " + message));
        });
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            org.apache.kafka.tools.ConsumerPerformance.main(new String[] {"--bootstrap-server", bootstrap,
                    "--topic", topic, "--messages", String.valueOf(records), "--timeout", "60000",
                    "--group", "highwater-bench-anchor-" + System.nanoTime()});
        } finally {
            System.setOut(original);
            Exit.resetExitProcedure();
        }
        return parse(captured.toString(StandardCharsets.UTF_8));
    }

    /**
     * Parses the tool's summary: {@code start.time, end.time, data.consumed.in.MB, MB.sec,
     * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec}.
     */
    static Result parse(String output) {
        List<String> lines = new ArrayList<>(output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] f = lines.get(i).split(",\\s*");
            if (f.length == 10 && !f[0].startsWith("start.time")) {
                try {
                    long records = Long.parseLong(f[4].strip());
                    double fetchMillis = Double.parseDouble(f[7].strip());
                    double rate = Double.parseDouble(f[9].strip());
                    return new Result(records, fetchMillis / 1000, rate, lines.get(i));
                } catch (NumberFormatException e) {
                    // not the summary line
                }
            }
        }
        throw new IllegalStateException("ConsumerPerformance printed no summary: " + output.strip());
    }
}
