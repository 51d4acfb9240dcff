package dev.highwater.cli;

import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.FilteredDecoder;
import dev.highwater.core.decode.HexDump;
import dev.highwater.core.decode.JsonLines;
import dev.highwater.core.decode.RecordFilter;
import dev.highwater.core.decode.RecordRendering;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.table.TableAt;
import dev.highwater.core.table.TableDiff;
import dev.highwater.core.text.JsonBytes;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Prints a topic's state ({@code table}) or the difference between two of its states, in JSON, CSV or text, each
 * key and value decoded as {@code tail} decodes it; JSON is written as bytes, as {@code tail --format json} writes
 * its lines, so that a million keys do not go through strings.
 */
final class TableOutput {

    private static final RecordFilter ALL = RecordFilter.of(Set.of(), "", null, null);

    private final FilteredDecoder decoder;
    private final RecordRendering rendering;
    private final JsonLines json;

    TableOutput(FilteredDecoder decoder, TypeSet types) {
        this.decoder = decoder;
        this.rendering = new RecordRendering(types);
        this.json = new JsonLines(rendering);
    }

    private DecodedRecord decoded(TableAt t, int i) {
        return decoder.decodeIfKept(t.record(i), ALL);
    }

    /** {@code {"topic","at","keys":N,"entries":[{"key","partition","offset","timestamp","value"}…]}} */
    void json(TableAt t, int[] shown, OutputStream out) throws IOException {
        JsonBytes b = new JsonBytes(1 << 16);
        b.raw(ascii("{\"topic\":")).string(t.topic());
        b.raw(ascii(",\"at\":")).string(t.at().toString());
        b.raw(ascii(",\"keys\":")).number(shown.length);
        b.raw(ascii(",\"entries\":["));
        for (int n = 0; n < shown.length; n++) {
            if (n > 0) {
                b.raw((byte) ',');
            }
            json.appendEntry(decoded(t, shown[n]), true, b);
            if (b.length() > 1 << 20) {
                b.writeTo(out);
            }
        }
        b.raw(ascii("]}\n"));
        b.writeTo(out);
        out.flush();
    }

    /**
     * {@code {"topic","from","at","added":N,"removed":N,"changed":N,"changes":[{"change","key","before","after"}…]}},
     * {@code before} and {@code after} an entry without its key, or null.
     */
    void json(TableDiff d, int[] shown, OutputStream out) throws IOException {
        JsonBytes b = new JsonBytes(1 << 16);
        b.raw(ascii("{\"topic\":")).string(d.after().topic());
        b.raw(ascii(",\"from\":")).string(d.before().at().toString());
        b.raw(ascii(",\"at\":")).string(d.after().at().toString());
        int[] counts = counts(d, shown);
        b.raw(ascii(",\"added\":")).number(counts[0]);
        b.raw(ascii(",\"removed\":")).number(counts[1]);
        b.raw(ascii(",\"changed\":")).number(counts[2]);
        b.raw(ascii(",\"changes\":["));
        for (int n = 0; n < shown.length; n++) {
            int i = shown[n];
            if (n > 0) {
                b.raw((byte) ',');
            }
            int before = d.indexBefore(i);
            int after = d.indexAfter(i);
            DecodedRecord either = after >= 0 ? decoded(d.after(), after) : decoded(d.before(), before);
            b.raw(ascii("{\"change\":")).string(d.change(i).name().toLowerCase(Locale.ROOT));
            b.raw(ascii(",\"key\":"));
            json.appendKey(either, b);
            b.raw(ascii(",\"before\":"));
            entryOrNull(d.before(), before, b);
            b.raw(ascii(",\"after\":"));
            entryOrNull(d.after(), after, b);
            b.raw((byte) '}');
            if (b.length() > 1 << 20) {
                b.writeTo(out);
            }
        }
        b.raw(ascii("]}\n"));
        b.writeTo(out);
        out.flush();
    }

    private void entryOrNull(TableAt t, int i, JsonBytes b) {
        if (i < 0) {
            b.raw(ascii("null"));
        } else {
            json.appendEntry(decoded(t, i), false, b);
        }
    }

    /** {@code key,partition,offset,timestamp,value}, the value as JSON (or the reason it is not decodable). */
    void csv(TableAt t, int[] shown, PrintWriter out) {
        out.println("key,partition,offset,timestamp,value");
        for (int i : shown) {
            DecodedRecord r = decoded(t, i);
            out.println(String.join(",", cell(r.keyText()), Integer.toString(t.partition(i)),
                    Long.toString(t.offset(i)), Instant.ofEpochMilli(t.timestamp(i)).toString(), cell(valueJson(r))));
        }
        out.flush();
    }

    void csv(TableDiff d, int[] shown, PrintWriter out) {
        out.println("change,key,before_partition,before_offset,before_timestamp,before_value,"
                + "after_partition,after_offset,after_timestamp,after_value");
        for (int i : shown) {
            int before = d.indexBefore(i);
            int after = d.indexAfter(i);
            DecodedRecord either = after >= 0 ? decoded(d.after(), after) : decoded(d.before(), before);
            out.println(d.change(i).name().toLowerCase(Locale.ROOT) + "," + cell(either.keyText()) + ","
                    + csvSide(d.before(), before) + "," + csvSide(d.after(), after));
        }
        out.flush();
    }

    private String csvSide(TableAt t, int i) {
        if (i < 0) {
            return ",,,";
        }
        return t.partition(i) + "," + t.offset(i) + "," + Instant.ofEpochMilli(t.timestamp(i)) + ","
                + cell(valueJson(decoded(t, i)));
    }

    /** A line a key: key, partition/offset, timestamp, and the value's summary as {@code tail} prints it. */
    void text(TableAt t, int[] shown, PrintWriter out) {
        out.printf(Locale.ROOT, "%s at %s: %,d keys%n", t.topic(), t.at(), shown.length);
        for (int i : shown) {
            DecodedRecord r = decoded(t, i);
            out.println(r.keyLabel() + "  " + t.partition(i) + "/" + t.offset(i) + "  "
                    + Instant.ofEpochMilli(t.timestamp(i)) + "  " + summary(r));
        }
        out.flush();
    }

    void text(TableDiff d, int[] shown, PrintWriter out) {
        int[] counts = counts(d, shown);
        out.printf(Locale.ROOT, "%s from %s to %s: %,d added, %,d removed, %,d changed%n", d.after().topic(),
                d.before().at(), d.after().at(), counts[0], counts[1], counts[2]);
        for (int i : shown) {
            int before = d.indexBefore(i);
            int after = d.indexAfter(i);
            DecodedRecord was = before < 0 ? null : decoded(d.before(), before);
            DecodedRecord is = after < 0 ? null : decoded(d.after(), after);
            String key = (is != null ? is : was).keyLabel();
            switch (d.change(i)) {
                case ADDED -> out.println("+ " + key + "  " + summary(is));
                case REMOVED -> out.println("- " + key + "  " + summary(was));
                case CHANGED -> out.println("~ " + key + "  " + summary(was) + "  ->  " + summary(is));
            }
        }
        out.flush();
    }

    /** Every entry, or only the key asked for. */
    static int[] shown(TableAt t, String key) {
        if (key == null) {
            return IntStream.range(0, t.size()).toArray();
        }
        int i = t.indexOf(key);
        return i < 0 ? new int[0] : new int[] {i};
    }

    static int[] shown(TableDiff d, String key) {
        if (key == null) {
            return IntStream.range(0, d.size()).toArray();
        }
        byte[] k = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return IntStream.range(0, d.size()).filter(i -> java.util.Arrays.equals(d.key(i), k)).toArray();
    }

    private static int[] counts(TableDiff d, int[] shown) {
        int[] c = new int[3];
        for (int i : shown) {
            c[d.change(i).ordinal()]++;
        }
        return c;
    }

    private static String summary(DecodedRecord r) {
        if (r.poison()) {
            return "UNDECODABLE  " + r.problem() + "  hex " + HexDump.hex(r.raw().value(), 64);
        }
        return r.summary();
    }

    private String valueJson(DecodedRecord r) {
        RecordRendering.ValueJson v = rendering.value(r, false);
        return v.error() != null ? "undecodable: " + v.error() : v.json();
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

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
