package dev.highwater.core.decode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes records to a file: JSON lines (the CLI's {@code tail --format json} shape) or CSV (partition, offset,
 * timestamp, key, format, type, value as JSON or the error, hex of an undecodable value). The file's extension
 * chooses: {@code .csv} is CSV, anything else JSON lines.
 */
public final class RecordExport {

    private RecordExport() {
    }

    public static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** Writes the records in the order given; returns how many. */
    public static int write(Path file, List<DecodedRecord> records, RecordRendering rendering) throws IOException {
        boolean csv = isCsv(file);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (csv) {
                w.write("topic,partition,offset,timestamp,key,format,type,value,error,hex\n");
            }
            for (DecodedRecord r : records) {
                w.write(csv ? csvLine(r, rendering) : rendering.jsonLine(r));
                w.write('\n');
            }
        }
        return records.size();
    }

    static String csvLine(DecodedRecord r, RecordRendering rendering) {
        RawRecord raw = r.raw();
        RecordRendering.ValueJson value = rendering.value(r, false);
        return String.join(",", cell(raw.topic()), Integer.toString(raw.partition()), Long.toString(raw.offset()),
                cell(Instant.ofEpochMilli(raw.timestamp()).toString()), cell(r.keyText()),
                cell(r.value().format().label()), cell(r.value().typeName()), cell(value.json()), cell(value.error()),
                cell(value.error() != null ? HexDump.hex(raw.value(), RecordRendering.HEX_LIMIT) : ""));
    }

    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
