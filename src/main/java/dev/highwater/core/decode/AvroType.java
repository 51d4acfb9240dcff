package dev.highwater.core.decode;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.EOFException;
import java.io.IOException;

/**
 * An Avro schema a value is read with (the writer's: a registry's schema of an id, or an .avsc file's type), with
 * its datum reader made once. Avro's generic reader keeps its per-thread state itself, so one instance serves
 * every decoding thread. Avro limits what garbage can make it allocate (a length is checked against the bytes
 * left), so a value that is not of the schema fails rather than exhausts the memory.
 */
public final class AvroType {

    private final Schema schema;
    private final GenericDatumReader<Object> reader;

    private AvroType(Schema schema) {
        this.schema = schema;
        this.reader = new GenericDatumReader<>(schema);
    }

    public static AvroType of(Schema schema) {
        return new AvroType(schema);
    }

    public Schema schema() {
        return schema;
    }

    /** The type's full name (a record, an enum, a fixed), or the primitive type's name. */
    public String name() {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getFullName();
            default -> schema.getType().getName();
        };
    }

    /**
     * Reads one value from {@code from} to the end of the bytes; an IllegalArgumentException says why the bytes
     * are not a value of this schema (too short, bytes left over, a branch or symbol that does not exist).
     */
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    public Object read(byte[] bytes, int from) {
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, from, bytes.length - from, DECODERS.get());
        DECODERS.set(in); // one per thread, re-aimed at each record's bytes
        Object datum;
        try {
            datum = reader.read(null, in);
        } catch (EOFException e) {
            throw new IllegalArgumentException("the bytes end before a value of " + name() + " does");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the bytes are not a value of " + name() + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        try {
            if (!in.isEnd()) {
                throw new IllegalArgumentException("bytes follow the end of a value of " + name()
                        + ": they were written with another schema");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the bytes could not be read: " + e.getMessage());
        }
        return datum;
    }

    /** The value at {@code from} as compact JSON ({@link AvroJson}); IllegalArgumentException as {@link #read}. */
    public String json(byte[] bytes, int from) {
        return AvroJson.json(schema, read(bytes, from));
    }

    @Override
    public String toString() {
        return name();
    }
}
