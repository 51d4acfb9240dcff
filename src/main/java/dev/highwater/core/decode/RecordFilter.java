package dev.highwater.core.decode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which records a tail keeps: by partition, by key (contains), by text anywhere in the key or value bytes (so a
 * Protobuf string field is found without decoding), and by a condition on decoded fields, the record's own names
 * and its headers. Immutable.
 */
public final class RecordFilter {

    public static final RecordFilter NONE = new RecordFilter(Set.of(), "", "", null);

    private final Set<Integer> partitions;
    private final String key;
    private final String text;
    private final FilterExpression expression;
    // the texts as the bytes every record is searched for, made once rather than per record
    private final byte[] keyBytes;
    private final byte[] textBytes;

    /**
     * @param partitions the partitions to keep, or empty for all
     * @param key        text the key must contain, or blank
     * @param text       text the key or value must contain, or blank
     * @param expression a condition on decoded fields, or null
     */
    public RecordFilter(Set<Integer> partitions, String key, String text, FilterExpression expression) {
        this.partitions = Set.copyOf(partitions);
        this.key = key == null ? "" : key;
        this.text = text == null ? "" : text;
        this.expression = expression;
        this.keyBytes = this.key.getBytes(StandardCharsets.UTF_8);
        this.textBytes = this.text.getBytes(StandardCharsets.UTF_8);
    }

    public Set<Integer> partitions() {
        return partitions;
    }

    public String key() {
        return key;
    }

    public String text() {
        return text;
    }

    public FilterExpression expression() {
        return expression;
    }

    /** Builds a filter, parsing the condition (blank for none); an IllegalArgumentException says what is wrong. */
    public static RecordFilter of(Set<Integer> partitions, String key, String text, String condition) {
        return new RecordFilter(partitions, key, text,
                condition == null || condition.isBlank() ? null : FilterExpression.parse(condition));
    }

    /** The decoded fields the condition reads: what decoders pick while reading. */
    public List<String> fields() {
        return expression == null ? List.of() : expression.fields();
    }

    public boolean keepsAll() {
        return partitions.isEmpty() && key.isEmpty() && text.isEmpty() && expression == null;
    }

    /** Whether to look at the record at all, before its value is decoded (partition, key and text). */
    public boolean prefilter(RawRecord r) {
        if (!partitions.isEmpty() && !partitions.contains(r.partition())) {
            return false;
        }
        if (!key.isEmpty() && (r.key() == null || indexOf(r.key(), keyBytes) < 0)) {
            return false;
        }
        if (!text.isEmpty()) {
            return r.key() != null && indexOf(r.key(), textBytes) >= 0
                    || r.value() != null && indexOf(r.value(), textBytes) >= 0;
        }
        return true;
    }

    /** The full test on a decoded record; a poison pill passes a condition on decoded fields, so it never hides one. */
    public boolean test(DecodedRecord d) {
        return prefilter(d.raw()) && matches(d);
    }

    /**
     * The condition alone, for a record that passed {@link #prefilter}. A poison pill passes a condition on decoded
     * fields (it has none to test, and must not vanish from view); a condition on the record's own names and
     * headers alone is tested on it like on any record.
     */
    public boolean matches(DecodedRecord d) {
        if (expression == null || d.poison() && !expression.fields().isEmpty()) {
            return true;
        }
        Object[] fields = d.value().fields();
        return expression.test(new FilterExpression.Values() {
            @Override
            public Object field(int slot) {
                return fields == null || slot >= fields.length ? null : fields[slot];
            }

            @Override
            public Object record(String name) {
                return switch (name) {
                    case "partition" -> (long) d.raw().partition();
                    case "offset" -> d.raw().offset();
                    case "key" -> d.keyText();
                    case "timestamp" -> Instant.ofEpochMilli(d.raw().timestamp());
                    case "type" -> d.typeLabel();
                    default -> null;
                };
            }

            @Override
            public Object header(String name) {
                byte[] value = d.raw().headerBytes(name);
                return value == null ? null : new String(value, StandardCharsets.UTF_8);
            }
        });
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        if (needle.length == 0) {
            return 0;
        }
        byte first = needle[0];
        int last = hay.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (hay[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
