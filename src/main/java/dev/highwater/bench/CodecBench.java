package dev.highwater.bench;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.core.indexer.ChainHashing;
import dev.highwater.proto.blockchain.Transaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Transaction} message as Protobuf and as JSON: sizes, and the time to parse 1,000 of them with the
 * generated class, with a descriptor-based {@link DynamicMessage} (what the console does for a user's types),
 * and from JSON (pretty and minified) with protobuf-java-util, beside the figures our field quotes for Node.js.
 */
public final class CodecBench {

    /** The field's Node.js figures: JSON pretty / minified / Protobuf bytes, and ms to parse 1,000 of each. */
    static final String FIELD_TABLE = "field (Node.js): JSON 340 B pretty / 220 B minified, Protobuf 82 B;"
            + " parse 1K: 18 ms / 12 ms / 2 ms";

    private CodecBench() {
    }

    public static void run(BenchReport report, int runs) throws Exception {
        report.heading("codec: blockchain.Transaction, 1,000 demo transactions; " + FIELD_TABLE);
        List<byte[]> protobuf = new ArrayList<>();
        List<String> pretty = new ArrayList<>();
        List<String> minified = new ArrayList<>();
        DemoTrafficGenerator traffic = new DemoTrafficGenerator(0.4, 1_000, 42);
        JsonFormat.Printer printer = JsonFormat.printer();
        JsonFormat.Printer compact = JsonFormat.printer().omittingInsignificantWhitespace();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 1_000; i++) {
            Transaction t = traffic.next(now + i);
            t = t.toBuilder().setHash(ChainHashing.transactionHash(t)).setBlockHeight(100_000 + i / 50).build();
            protobuf.add(t.toByteArray());
            pretty.add(printer.print(t));
            minified.add(compact.print(t));
        }
        report.add("codec", "Transaction size as Protobuf (mean)", mean(protobuf.stream().mapToInt(b -> b.length)),
                "B", "reported");
        report.add("codec", "the same as JSON, pretty (mean)", mean(pretty.stream().mapToInt(CodecBench::utf8)), "B",
                "reported");
        report.add("codec", "the same as JSON, minified (mean)", mean(minified.stream().mapToInt(CodecBench::utf8)),
                "B", "reported");

        int reps = 20; // 1,000 messages 20 times a run, so a run is long enough to time
        report.add("codec", "parse 1K, Protobuf, generated class", time(runs, reps, () -> {
            long sink = 0;
            for (byte[] b : protobuf) {
                sink += Transaction.parseFrom(b).getTimestamp();
            }
            return sink;
        }), "ms", "reported");
        report.add("codec", "parse 1K, Protobuf, descriptor-based (DynamicMessage)", time(runs, reps, () -> {
            long sink = 0;
            for (byte[] b : protobuf) {
                sink += DynamicMessage.parseFrom(Transaction.getDescriptor(), b).getAllFields().size();
            }
            return sink;
        }), "ms", "reported");
        report.add("codec", "parse 1K, JSON minified (JsonFormat)", time(runs, Math.max(1, reps / 4),
                () -> parseJson(minified)), "ms", "reported");
        report.add("codec", "parse 1K, JSON pretty (JsonFormat)", time(runs, Math.max(1, reps / 4),
                () -> parseJson(pretty)), "ms", "reported");
    }

    private static long parseJson(List<String> json) throws InvalidProtocolBufferException {
        JsonFormat.Parser parser = JsonFormat.parser();
        long sink = 0;
        for (String s : json) {
            Transaction.Builder b = Transaction.newBuilder();
            parser.merge(s, b);
            sink += b.getTimestamp();
        }
        return sink;
    }

    @FunctionalInterface
    interface Work {
        long run() throws Exception;
    }

    /** Milliseconds per 1,000 messages, one figure a run, after a warm-up run of the same work. */
    static double[] time(int runs, int reps, Work work) throws Exception {
        long sink = 0;
        long warmUntil = System.nanoTime() + 500_000_000L; // warm-up: the JIT compiles the parse paths first
        for (int i = 0; i < reps || System.nanoTime() < warmUntil; i++) {
            sink += work.run();
        }
        double[] out = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                sink += work.run();
            }
            out[r] = (System.nanoTime() - t0) / 1e6 / reps;
        }
        if (sink == 42) {
            System.out.print(""); // keeps the results alive
        }
        return out;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static double mean(java.util.stream.IntStream sizes) {
        return sizes.average().orElse(0);
    }
}
