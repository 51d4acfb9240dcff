package dev.highwater.core.decode;

import com.google.gson.stream.JsonWriter;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Avro values as JSON a person reads: records as objects, a union as the value of the branch it holds (no
 * {"type": value} wrapper), enums as their symbol, bytes and fixed as base64, a decimal as an exact decimal string
 * (never a double), dates and times as ISO-8601 text. Also reads Avro object container files, whose header carries
 * the writer's schema.
 */
public final class AvroJson {

    private static final byte[] CONTAINER_MAGIC = {'O', 'b', 'j', 1};

    private AvroJson() {
    }

    /** The datum of {@code schema} as compact JSON. */
    public static String json(Schema schema, Object datum) {
        StringWriter text = new StringWriter();
        try (JsonWriter w = new JsonWriter(text)) {
            w.setHtmlSafe(false);
            write(w, schema, datum);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * The values at {@code paths} (dotted field names, as a filter names them) in the datum, as {@link JsonFields#pick}
     * gives them from the datum's JSON, without writing the JSON: a filter reads a few fields of each record.
     */
    static Object[] pick(Schema schema, Object datum, java.util.List<String> paths) {
        Object[] out = new Object[paths.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = at(schema, datum, paths.get(i));
        }
        return out;
    }

    private static Object at(Schema s, Object v, String path) {
        int from = 0;
        while (true) {
            if (v == null) {
                return null;
            }
            if (s.getType() == Schema.Type.UNION) {
                s = s.getTypes().get(GenericData.get().resolveUnion(s, v));
                continue;
            }
            if (from > path.length()) {
                return leaf(s, v);
            }
            if (s.getType() != Schema.Type.RECORD) {
                return null; // a path that goes on below a value that has no fields
            }
            int dot = path.indexOf('.', from);
            String part = dot < 0 ? path.substring(from) : path.substring(from, dot);
            Schema.Field f = s.getField(part);
            if (f == null) {
                f = s.getField(dev.highwater.core.schema.ProtoNames.camelCase(part, false));
            }
            if (f == null) {
                return null;
            }
            v = ((IndexedRecord) v).get(f.pos());
            s = f.schema();
            from = dot < 0 ? path.length() + 1 : dot + 1;
        }
    }

    /** One value as its JSON would give it to a filter: the usual kinds at once, the others through their JSON. */
    private static Object leaf(Schema s, Object v) {
        if (s.getLogicalType() == null) {
            switch (s.getType()) {
                case STRING, ENUM -> {
                    return v.toString();
                }
                case INT -> {
                    return BigDecimal.valueOf((Integer) v);
                }
                case LONG -> {
                    return BigDecimal.valueOf((Long) v);
                }
                case BOOLEAN -> {
                    return v;
                }
                case RECORD, MAP -> {
                    return "{…}";
                }
                case ARRAY -> {
                    return "[…]";
                }
                default -> {
                    // floats, bytes and fixed: as their JSON says, below
                }
            }
        }
        return JsonFields.value(com.google.gson.JsonParser.parseString(json(s, v)));
    }

    /**
     * True when the bytes start like an Avro object container file ("Obj" and version 1). No Protobuf message
     * starts so ('O' would be field 9 in wire type 7, which does not exist) and the 1 is a control character, so
     * neither JSON nor text does either.
     */
    public static boolean looksLikeContainer(byte[] b) {
        return b != null && b.length >= CONTAINER_MAGIC.length && b[0] == CONTAINER_MAGIC[0]
                && b[1] == CONTAINER_MAGIC[1] && b[2] == CONTAINER_MAGIC[2] && b[3] == CONTAINER_MAGIC[3];
    }

    /**
     * An object container file as JSON: its one record, or an array when it holds none or several. An
     * IllegalArgumentException says why it cannot be read.
     */
    public static String container(byte[] bytes) {
        return readContainer(bytes, true);
    }

    /** Reads a container through (a check that every record in it reads) and returns its schema's name. */
    public static String containerType(byte[] bytes) {
        return readContainer(bytes, false);
    }

    private static String readContainer(byte[] bytes, boolean render) {
        StringWriter text = new StringWriter();
        try (DataFileStream<Object> in = new DataFileStream<>(new ByteArrayInputStream(bytes),
                new GenericDatumReader<>()); JsonWriter w = new JsonWriter(text)) {
            w.setHtmlSafe(false);
            Schema schema = in.getSchema();
            int count = 0;
            StringWriter first = new StringWriter();
            JsonWriter one = new JsonWriter(first);
            one.setHtmlSafe(false);
            w.beginArray();
            Object datum = null;
            while (in.hasNext()) {
                datum = in.next(datum instanceof IndexedRecord ? datum : null);
                count++;
                if (render) {
                    write(w, schema, datum);
                    if (count == 1) {
                        write(one, schema, datum);
                    }
                }
            }
            w.endArray();
            if (!render) {
                return AvroType.of(schema).name();
            }
            return count == 1 ? first.toString() : text.toString();
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: a compression codec whose library is not on the class path
            throw new IllegalArgumentException("the Avro object container cannot be read ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    static void write(JsonWriter w, Schema s, Object v) throws IOException {
        if (v == null) {
            w.nullValue();
            return;
        }
        LogicalType logical = s.getLogicalType();
        switch (s.getType()) {
            case RECORD -> {
                IndexedRecord r = (IndexedRecord) v;
                w.beginObject();
                for (Schema.Field f : s.getFields()) {
                    w.name(f.name());
                    write(w, f.schema(), r.get(f.pos()));
                }
                w.endObject();
            }
            case UNION -> write(w, s.getTypes().get(GenericData.get().resolveUnion(s, v)), v);
            case ARRAY -> {
                w.beginArray();
                for (Object item : (Collection<?>) v) {
                    write(w, s.getElementType(), item);
                }
                w.endArray();
            }
            case MAP -> {
                w.beginObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    w.name(e.getKey().toString());
                    write(w, s.getValueType(), e.getValue());
                }
                w.endObject();
            }
            case FIXED -> bytes(w, logical, ((GenericFixed) v).bytes());
            case BYTES -> {
                ByteBuffer b = ((ByteBuffer) v).duplicate();
                byte[] a = new byte[b.remaining()];
                b.get(a);
                bytes(w, logical, a);
            }
            case INT -> integer(w, logical, (Integer) v);
            case LONG -> longValue(w, logical, (Long) v);
            case FLOAT, DOUBLE -> {
                Number n = (Number) v;
                if (Double.isFinite(n.doubleValue())) {
                    w.value(n);
                } else {
                    w.value(n.toString()); // JSON has no NaN nor infinity
                }
            }
            case BOOLEAN -> w.value((Boolean) v);
            case ENUM, STRING -> w.value(v.toString());
            case NULL -> w.nullValue();
        }
    }

    private static void bytes(JsonWriter w, LogicalType logical, byte[] a) throws IOException {
        if (logical instanceof LogicalTypes.Decimal d) {
            // money stays exact: the unscaled two's-complement integer and the schema's scale, as text
            w.value(new BigDecimal(a.length == 0 ? BigInteger.ZERO : new BigInteger(a), d.getScale()).toPlainString());
        } else {
            w.value(Base64.getEncoder().encodeToString(a));
        }
    }

    private static void integer(JsonWriter w, LogicalType logical, int v) throws IOException {
        if (logical instanceof LogicalTypes.Date) {
            w.value(LocalDate.ofEpochDay(v).toString());
        } else if (logical instanceof LogicalTypes.TimeMillis) {
            w.value(LocalTime.ofNanoOfDay(Math.floorMod(v, 86_400_000) * 1_000_000L).toString());
        } else {
            w.value(v);
        }
    }

    private static void longValue(JsonWriter w, LogicalType logical, long v) throws IOException {
        switch (logical) {
            case LogicalTypes.TimestampMillis t -> w.value(Instant.ofEpochMilli(v).toString());
            case LogicalTypes.TimestampMicros t -> w.value(micros(v).toString());
            case LogicalTypes.LocalTimestampMillis t ->
                    w.value(Instant.ofEpochMilli(v).atOffset(ZoneOffset.UTC).toLocalDateTime().toString());
            case LogicalTypes.LocalTimestampMicros t ->
                    w.value(micros(v).atOffset(ZoneOffset.UTC).toLocalDateTime().toString());
            case LogicalTypes.TimeMicros t -> w.value(LocalTime.ofNanoOfDay(Math.floorMod(v, 86_400_000_000L) * 1000).toString());
            case null, default -> w.value(v);
        }
    }

    private static Instant micros(long v) {
        return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
    }
}
