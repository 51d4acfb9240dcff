package dev.highwater.ui.tables;

import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.FilteredDecoder;
import dev.highwater.core.decode.RecordFilter;
import dev.highwater.core.table.TableAt;
import dev.highwater.core.table.TableDiff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The rows a search shows of a state or a difference, in key order, at most {@code limit} of them, with how many
 * match in all: a key matches when its text or its decoded value contains the search (ignoring case). Values are
 * decoded here, off the UI thread, one decoder per thread.
 */
final class TableRows {

    private static final RecordFilter ALL = RecordFilter.of(Set.of(), "", null, null);

    /** The rows shown and how many matched. */
    record Found<T>(List<T> rows, int matched) {
    }

    private final FilteredDecoder decoder;

    TableRows(FilteredDecoder decoder) {
        this.decoder = decoder;
    }

    /** @param stale true once a newer search replaced this one, which then stops early (its answer unused) */
    Found<KeyRow> rows(TableAt table, String search, int limit, BooleanSupplier stale) {
        String s = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<KeyRow> rows = new ArrayList<>();
        int matched = 0;
        for (int i = 0; i < table.size() && !stale.getAsBoolean(); i++) {
            DecodedRecord d = decoder.decodeIfKept(table.record(i), ALL);
            String value = value(d);
            String key = d.keyLabel();
            if (s.isEmpty() || contains(key, s) || contains(value, s)) {
                matched++;
                if (rows.size() < limit) {
                    rows.add(new KeyRow(key, table.partition(i), table.offset(i), time(table.timestamp(i)), value));
                }
            }
        }
        return new Found<>(rows, matched);
    }

    Found<ChangeRow> rows(TableDiff diff, String search, int limit, BooleanSupplier stale) {
        String s = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<ChangeRow> rows = new ArrayList<>();
        int matched = 0;
        for (int i = 0; i < diff.size() && !stale.getAsBoolean(); i++) {
            int b = diff.indexBefore(i);
            int a = diff.indexAfter(i);
            DecodedRecord before = b < 0 ? null : decoder.decodeIfKept(diff.before().record(b), ALL);
            DecodedRecord after = a < 0 ? null : decoder.decodeIfKept(diff.after().record(a), ALL);
            String key = (after != null ? after : before).keyLabel();
            String was = before == null ? "" : value(before);
            String is = after == null ? "" : value(after);
            if (s.isEmpty() || contains(key, s) || contains(was, s) || contains(is, s)) {
                matched++;
                if (rows.size() < limit) {
                    rows.add(new ChangeRow(diff.change(i).name().toLowerCase(Locale.ROOT), key, was,
                            b < 0 ? "" : where(diff.before(), b), is, a < 0 ? "" : where(diff.after(), a)));
                }
            }
        }
        return new Found<>(rows, matched);
    }

    private static String where(TableAt t, int i) {
        return t.partition(i) + "/" + t.offset(i) + " · " + time(t.timestamp(i));
    }

    /** The value as the Messages table sums it up (what identifies the record first); a value nothing decodes says why. */
    private static String value(DecodedRecord d) {
        return d.poison() ? "undecodable: " + d.problem() : d.headline();
    }

    static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    private static boolean contains(String text, String lowerSearch) {
        return text.toLowerCase(Locale.ROOT).contains(lowerSearch);
    }
}
