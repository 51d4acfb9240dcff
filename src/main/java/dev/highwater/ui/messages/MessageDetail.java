package dev.highwater.ui.messages;

import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.HexDump;
import dev.highwater.core.decode.JsonTree;
import dev.highwater.core.decode.ProtoShape;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.decode.RecordRendering;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the detail pane shows for one record, made off the UI thread: the decoded tree and its JSON, the hex and
 * ASCII dump, the sizes as Protobuf and as JSON, and for a poison pill the decoder that failed and why.
 *
 * @param title    partition, offset, type
 * @param facts    time, key, format, schema id, headers: one line each
 * @param problem  the decoder that failed and why, or null
 * @param sizes    "Protobuf 157 B · JSON 280 B" or what is known
 * @param json     the value as indented JSON, or null (cut at {@link #JSON_LIMIT} characters, saying so)
 * @param tree     the value as a tree, or null
 * @param hex      the hex and ASCII dump, 16 bytes a line (cut at {@link #HEX_LIMIT} bytes, saying so)
 * @param hexNarrow the same dump 8 bytes a line, for a pane too narrow for 16 with their ASCII
 * @param record   the record shown
 */
public record MessageDetail(String title, List<String> facts, String problem, String sizes, String json,
                            JsonTree tree, String hex, String hexNarrow, DecodedRecord record) {

    /** The display limits: a bigger record is shown in part, with how much is left out; it is never dropped. */
    public static final int HEX_LIMIT = 64 * 1024;
    public static final int JSON_LIMIT = 512 * 1024;

    static MessageDetail of(DecodedRecord r, RecordRendering rendering, ProtoShape jsonType) {
        RawRecord raw = r.raw();
        List<String> facts = new java.util.ArrayList<>();
        facts.add("Time  " + Instant.ofEpochMilli(raw.timestamp()));
        facts.add("Key   " + (raw.key() == null ? "(none)" : r.keyLabel() + "  (" + keyForm(r) + ")"));
        facts.add("Value " + (raw.value() == null ? "null (a tombstone)" : String.format(Locale.ROOT, "%,d bytes",
                raw.value().length)) + "  read as " + r.value().decoder());
        if (r.schemaLabel() != null) {
            facts.add("Schema " + r.schemaLabel() + " (read with the registry's schema)");
        } else if (r.value().schemaId() >= 0) {
            facts.add("Schema id " + r.value().schemaId() + " (schema-registry framing)");
        }
        raw.headers().forEach(h -> facts.add("Header " + h.name() + " = "
                + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8))));
        String json = null;
        JsonTree tree = null;
        String sizes = "";
        RecordRendering.ValueJson value = rendering.value(r, true);
        if (value.error() == null && raw.value() != null) {
            String full = value.json();
            if (full != null) {
                tree = full.length() <= JSON_LIMIT ? tree(r, rendering, full) : null;
                json = full.length() <= JSON_LIMIT ? full : full.substring(0, JSON_LIMIT) + "\n… "
                        + String.format(Locale.ROOT, "%,d", full.length() - JSON_LIMIT) + " more characters not shown";
            }
            long[] s = rendering.sizes(r, jsonType);
            sizes = "Protobuf " + (s[0] < 0 ? "—" : String.format(Locale.ROOT, "%,d B", s[0])) + "  ·  JSON "
                    + (s[1] < 0 ? "—" : String.format(Locale.ROOT, "%,d B", s[1]));
        }
        String title = "Partition " + raw.partition() + " · offset " + raw.offset() + " · " + r.typeLabel();
        return new MessageDetail(title, List.copyOf(facts), value.error(), sizes, json, tree,
                HexDump.dump(raw.value(), HEX_LIMIT), HexDump.dump(raw.value(), HEX_LIMIT, 8), r);
    }

    /** The readable tree; the plain JSON tree should the value not parse again (it did a moment ago). */
    private static JsonTree tree(DecodedRecord r, RecordRendering rendering, String json) {
        try {
            return rendering.tree(r, json);
        } catch (com.google.protobuf.InvalidProtocolBufferException | RuntimeException e) {
            return JsonTree.of(r.typeLabel(), json);
        }
    }

    /** How the key was read; for a key in hex, why: it is not text, hex was asked for, or the pinned decoder failed. */
    private static String keyForm(DecodedRecord r) {
        if (r.keyProblem() != null) {
            return r.keyProblem();
        }
        return r.keyInHex() ? r.key().decoder() : r.key().format().label();
    }
}
