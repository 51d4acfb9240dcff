package dev.highwater.bench;

import org.apache.kafka.common.utils.Exit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own ProducerPerformance, run in this process: how fast this machine and broker take records from a
 * plain producer, the physical limit beside which our write paths are judged. Output captured and parsed; its
 * exit calls become exceptions.
 */
public final class ProducerPerformanceAnchor {

    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency");

    /** One run: records sent, records/s, MB/s and the average latency in ms the tool printed. */
    public record Result(long records, double recordsPerSecond, double megabytesPerSecond, double avgLatencyMillis,
                         String line) {
    }

    private ProducerPerformanceAnchor() {
    }

    /**
     * Sends {@code records} records of {@code recordSize} bytes as fast as the producer can.
     *
     * @param producerProps extra producer properties, {@code key=value} (e.g. batch.size=262144)
     */
    public static synchronized Result run(String bootstrap, String topic, long records, int recordSize,
                                          String... producerProps) throws Exception {
        KafkaTools.require();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("ProducerPerformance exited with " + code + (message == null ? ""
                    : ": " + message));
        });
        String[] args = new String[8 + 2 + producerProps.length];
        int i = 0;
        for (String a : new String[] {"--topic", topic, "--num-records", String.valueOf(records), "--record-size",
                String.valueOf(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap}) {
            args[i++] = a;
        }
        for (String p : producerProps) {
            args[i++] = p;
        }
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            org.apache.kafka.tools.ProducerPerformance.main(args);
        } finally {
            System.setOut(original);
            Exit.resetExitProcedure();
        }
        return parse(captured.toString(StandardCharsets.UTF_8));
    }

    /** The last summary line: {@code N records sent, X records/sec (Y MB/sec), Z ms avg latency, …}. */
    static Result parse(String output) {
        Result last = null;
        for (String line : output.lines().toList()) {
            Matcher m = SUMMARY.matcher(line);
            if (m.find()) {
                last = new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), line.strip());
            }
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary: " + output.strip());
        }
        return last;
    }
}
