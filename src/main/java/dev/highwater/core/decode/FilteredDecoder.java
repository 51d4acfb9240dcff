package dev.highwater.core.decode;

import java.util.Map;

/**
 * Decodes records the way a filter wants them: its byte tests first, so a record it drops is never decoded, then
 * key and value (the value picking the fields the condition reads), then the condition. Not thread-safe: one per
 * decoding thread, like the {@link RecordDecoder}s it holds.
 */
public final class FilteredDecoder {

    private final RecordDecoder keys;
    private final RecordDecoder values;
    private RecordFilter fieldsFor;

    /** A pinned type that is not loaded is an IllegalArgumentException that says so. */
    public FilteredDecoder(TypeSet types, DecoderChoice keyChoice, DecoderChoice valueChoice,
                           Map<Integer, String> registryTypes) {
        this(types, keyChoice, valueChoice, registryTypes, WriterSchemas.NONE);
    }

    /** As the other constructor, keys and values read by {@code schemas} too (a registry, .avsc types). */
    public FilteredDecoder(TypeSet types, DecoderChoice keyChoice, DecoderChoice valueChoice,
                           Map<Integer, String> registryTypes, WriterSchemas schemas) {
        this.keys = new RecordDecoder(types, keyChoice, Map.of(), true, schemas);
        this.values = new RecordDecoder(types, valueChoice, registryTypes, false, schemas);
    }

    /** The record decoded when {@code filter} keeps it, or null when it does not. */
    public DecodedRecord decodeIfKept(RawRecord r, RecordFilter filter) {
        if (!filter.prefilter(r)) {
            return null;
        }
        if (filter != fieldsFor) {
            values.wantFields(filter.fields());
            fieldsFor = filter;
        }
        DecodedRecord d = new DecodedRecord(r, keys.decode(r), values.decode(r));
        return filter.matches(d) ? d : null;
    }
}
