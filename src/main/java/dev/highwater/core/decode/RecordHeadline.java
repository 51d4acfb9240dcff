package dev.highwater.core.decode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.FieldDescriptor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table's one-line summary of a record, starting with what identifies it: a payment's sender, recipient and
 * amount ({@code acct-1 → acct-2 100.50}), a ledger event's type, account and amount ({@code ACCOUNT_DEBITED
 * acct-7 25.00}); then the other fields as {@code name=value}, with ids and hashes last. Enums and documented codes
 * by name, epoch milliseconds as instants, bytes in hex. Only the screen shows it: the command line's text lines
 * keep {@link DecodedRecord#summary()}.
 */
public final class RecordHeadline {

    /** Fields read for a Protobuf headline: enough for the types seen on these topics, not the whole record. */
    private static final int FIELDS = 10;
    /** A text value at least this long made only of hex digits is an id or a hash: it goes last. */
    private static final int ID_LENGTH = 24;

    private static final ThreadLocal<ProtoScanner> SCANNERS = ThreadLocal.withInitial(ProtoScanner::new);

    private record Field(String name, String value, boolean last) {
    }

    private RecordHeadline() {
    }

    public static String of(DecodedRecord r) {
        byte[] bytes = r.raw().value();
        Decoding d = r.value();
        if (r.poison() || bytes == null) {
            return r.summary();
        }
        List<Field> fields = switch (d.format()) {
            case PROTOBUF, REGISTRY_PROTOBUF -> protobuf(d, bytes);
            case JSON, REGISTRY_JSON -> json(new String(bytes, d.payloadOffset(), bytes.length - d.payloadOffset(),
                    StandardCharsets.UTF_8));
            // an Avro value's summary is its JSON; one cut at the summary's limit no longer parses and is shown as is
            case AVRO, REGISTRY_AVRO -> json(r.summary());
            default -> null;
        };
        if (fields == null) {
            return r.summary();
        }
        String line = line(fields);
        if (d.schemaId() >= 0 && r.schemaLabel() == null) {
            line += " · schema " + d.schemaId();
        }
        return clip(line);
    }

    private static List<Field> protobuf(Decoding d, byte[] bytes) {
        FieldPlan plan = d.shape().headlinePlan(FIELDS);
        List<String> names = plan.paths();
        Object[] values = new Object[names.size()];
        SCANNERS.get().scan(bytes, d.payloadOffset(), bytes.length, plan, values, false);
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                FieldDescriptor f = d.shape().type().findFieldByName(names.get(i));
                String v = ValueText.brief(f, values[i]);
                fields.add(new Field(f.getName(), v,
                        f.getJavaType() == FieldDescriptor.JavaType.BYTE_STRING || idLike(v)));
            }
        }
        return fields;
    }

    /** The top-level fields of a JSON object, or null for anything else (the raw text is the summary then). */
    private static List<Field> json(String text) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                return null;
            }
            o = e.getAsJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, JsonElement> m : o.entrySet()) {
            JsonElement v = m.getValue();
            String shown;
            if (v.isJsonNull()) {
                continue;
            } else if (v.isJsonObject()) {
                shown = "{…}";
            } else if (v.isJsonArray()) {
                shown = "[" + v.getAsJsonArray().size() + "]";
            } else if (v.getAsJsonPrimitive().isNumber()) {
                String at = longValue(v.getAsString()) == null ? null
                        : ValueText.instant(m.getKey(), longValue(v.getAsString()));
                shown = at != null ? at : v.getAsString();
            } else {
                shown = v.getAsString();
            }
            fields.add(new Field(m.getKey(), shown, idLike(shown)));
        }
        return fields;
    }

    private static Long longValue(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The identifying fields first (see the class comment), the rest as name=value, ids and hashes last. */
    private static String line(List<Field> fields) {
        List<Field> rest = new ArrayList<>(fields);
        StringBuilder lead = new StringBuilder();
        Field sender = take(rest, "sender");
        Field recipient = sender == null ? null : take(rest, "recipient");
        if (sender != null && recipient != null) {
            lead.append(sender.value()).append(" → ").append(recipient.value());
        } else {
            if (sender != null) {
                rest.addFirst(sender);
            }
            Field type = take(rest, "eventtype", "type");
            Field account = take(rest, "accountid", "account");
            if (type != null) {
                lead.append(type.value());
            }
            if (account != null) {
                lead.append(lead.isEmpty() ? "" : " ").append(account.value());
            }
        }
        if (!lead.isEmpty()) {
            Field amount = take(rest, "amount");
            if (amount != null) {
                lead.append(' ').append(amount.value());
            }
        }
        StringBuilder sb = new StringBuilder(lead);
        String separator = lead.isEmpty() ? "" : " · ";
        for (boolean last : new boolean[] {false, true}) {
            for (Field f : rest) {
                if (f.last() == last) {
                    sb.append(separator).append(f.name()).append('=').append(f.value());
                    separator = "  ";
                }
            }
        }
        return sb.isEmpty() ? "(all fields default)" : sb.toString();
    }

    /** Removes and returns the first field with one of these names (lower case, without underscores), or null. */
    private static Field take(List<Field> fields, String... names) {
        for (String name : names) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().replace("_", "").toLowerCase(Locale.ROOT).equals(name)) {
                    return fields.remove(i);
                }
            }
        }
        return null;
    }

    private static boolean idLike(String v) {
        if (v.length() < ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.digit(c, 16) < 0 && c != '-' && c != '…') {
                return false;
            }
        }
        return true;
    }

    private static String clip(String s) {
        return s.length() <= DecodedRecord.SUMMARY_LIMIT ? s : s.substring(0, DecodedRecord.SUMMARY_LIMIT) + "…";
    }
}
