package dev.highwater.core.offsets;

import dev.highwater.core.lag.PartitionId;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CSV of offsets {@code kafka-consumer-groups --reset-offsets --from-file} reads and writes: one
 * {@code topic,partition,offset} line per partition, no header. The same file undoes a reset here and there.
 */
public final class UndoCsv {

    private UndoCsv() {
    }

    /** The lines for these offsets, in the map's order; a null offset (never committed) is left out. */
    public static String format(Map<PartitionId, Long> offsets) {
        StringBuilder b = new StringBuilder();
        offsets.forEach((p, o) -> {
            if (o != null) {
                b.append(p.topic()).append(',').append(p.partition()).append(',').append(o).append('\n');
            }
        });
        return b.toString();
    }

    /**
     * Reads the offsets of such a file; an IllegalArgumentException names the line that is not
     * {@code topic,partition,offset} with a partition and an offset of 0 or more.
     */
    public static Map<PartitionId, Long> parse(String text) {
        Map<PartitionId, Long> offsets = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            // the topic may not hold a comma (Kafka allows letters, digits, '.', '_' and '-'), so the last two
            // commas split the line
            int second = line.lastIndexOf(',');
            int first = second <= 0 ? -1 : line.lastIndexOf(',', second - 1);
            if (first <= 0) {
                throw bad(i, line);
            }
            try {
                int partition = Integer.parseInt(line.substring(first + 1, second).strip());
                long offset = Long.parseLong(line.substring(second + 1).strip());
                if (partition < 0 || offset < 0) {
                    throw bad(i, line);
                }
                offsets.put(new PartitionId(line.substring(0, first).strip(), partition), offset);
            } catch (NumberFormatException e) {
                throw bad(i, line);
            }
        }
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException("the file holds no topic,partition,offset line");
        }
        return offsets;
    }

    private static IllegalArgumentException bad(int index, String line) {
        return new IllegalArgumentException("line " + (index + 1) + " ('" + line + "') is not topic,partition,offset"
                + " with a partition and an offset of 0 or more");
    }
}
