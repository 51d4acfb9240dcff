package dev.highwater.core.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Which schemas the records of a topic were written with: the schema id of each record value's registry framing
 * (magic byte 0, then a 4-byte big-endian id) counted, then told as subjects and versions by the registry. Only the
 * framing's first five bytes are read, so a value whose payload does not decode still counts under its id. Not
 * thread-safe: one reader counts, then asks for the rows.
 */
public final class SchemaUsage {

    /**
     * One schema id seen on the topic.
     *
     * @param id           the schema id of the framing
     * @param registeredAs the subjects and versions the registry has it under (empty when it could not say)
     * @param records      how many of the records counted carry this id
     * @param problem      why the registry could not say where the id is registered, in one sentence, or empty
     */
    public record Row(int id, List<SubjectVersion> registeredAs, long records, String problem) {
        public Row {
            registeredAs = List.copyOf(registeredAs);
            problem = problem == null ? "" : problem;
        }
    }

    private final Map<Integer, Long> byId = new TreeMap<>();
    private long unframed;
    private long total;

    /** Counts one record's value (null for a tombstone, which has no framing). */
    public void count(byte[] value) {
        total++;
        if (value == null || value.length < 5 || value[0] != 0) {
            unframed++;
            return;
        }
        int id = (value[1] & 0xff) << 24 | (value[2] & 0xff) << 16 | (value[3] & 0xff) << 8 | (value[4] & 0xff);
        byId.merge(id, 1L, Long::sum);
    }

    /** Every record counted. */
    public long total() {
        return total;
    }

    /** Records whose value has no registry framing (plain bytes, tombstones). */
    public long unframed() {
        return unframed;
    }

    /** How many records carry each schema id, by id. */
    public Map<Integer, Long> byId() {
        return Collections.unmodifiableMap(byId);
    }

    /**
     * One row per id, ordered by the subject and version it is registered as (ids the registry could not place
     * last, by id). {@code usages} is asked once per id (the registry's {@code /schemas/ids/{id}/versions}); a
     * {@link RegistryException} from it becomes that row's problem, so one unknown id does not hide the others.
     */
    public List<Row> rows(IntFunction<List<SubjectVersion>> usages) {
        List<Row> rows = new ArrayList<>();
        byId.forEach((id, n) -> {
            try {
                List<SubjectVersion> where = usages.apply(id).stream()
                        .sorted(Comparator.comparing(SubjectVersion::subject).thenComparingInt(SubjectVersion::version))
                        .toList();
                rows.add(new Row(id, where, n, where.isEmpty() ? "the registry has schema id " + id
                        + " under no subject" : ""));
            } catch (RegistryException e) {
                rows.add(new Row(id, List.of(), n, e.getMessage()));
            }
        });
        rows.sort(Comparator.comparing((Row r) -> r.registeredAs().isEmpty())
                .thenComparing(r -> r.registeredAs().isEmpty() ? "" : r.registeredAs().getFirst().subject())
                .thenComparingInt(r -> r.registeredAs().isEmpty() ? 0 : r.registeredAs().getFirst().version())
                .thenComparingInt(Row::id));
        return rows;
    }
}
