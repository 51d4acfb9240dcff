package dev.highwater.core.evolution;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.decode.RegistryFrame;
import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.core.registry.SubjectVersion;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Beyond what a registry can tell: whether records actually written under a subject still decode with a new schema.
 * Each registry-framed key or value whose schema id is registered under the subject is decoded with its writer's
 * schema resolved against the new one (Avro: {@link GenericDatumReader} with writer and reader, decoding in full;
 * Protobuf: the payload walked against the new schema's type of the same name, see {@link ProtoPayloadCheck}).
 * Records of other subjects and unframed ones are counted and passed over. JSON Schema records are counted, not
 * decoded. Not thread-safe: one reading thread feeds it.
 */
public final class DecodabilityCheck {

    /** A record that would not decode: where it is, and why, in one sentence. */
    public record Failure(int partition, long offset, String part, String writer, String reason) {
        @Override
        public String toString() {
            return "partition " + partition + " offset " + offset + " (" + part + ", written with " + writer + "): "
                    + reason;
        }
    }

    /**
     * The counts: records read, framed keys and values of the subject checked, those that decode, those that do
     * not, those of other subjects or not framed, and the first failure by partition and offset (null if none).
     */
    public record Result(long records, long checked, long ok, long failed, long otherSubjects, long unframed,
                         Failure first, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /** What is known about a schema id: whether it belongs to the subject, and how to read its records. */
    private record Writer(boolean ours, String label, Schema avro, FileDescriptor proto, String problem) {
    }

    private final SchemaType type;
    private final String subject;
    private final SchemaRegistry registry;
    private final Schema newAvro;
    private final FileDescriptor newProto;
    private final Map<Integer, Writer> writers = new HashMap<>();
    private final Map<Integer, GenericDatumReader<Object>> avroReaders = new HashMap<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private long records;
    private long checked;
    private long failed;
    private long otherSubjects;
    private long unframed;
    private Failure first;
    private BinaryDecoder decoder;

    /** @throws IllegalArgumentException in one sentence when the new schema does not compile or parse */
    public DecodabilityCheck(SchemaType type, String text, Map<String, String> referenced, String subject,
                             SchemaRegistry registry) {
        this.type = type;
        this.subject = subject;
        this.registry = registry;
        this.newAvro = type == SchemaType.AVRO ? AvroEvolution.parse(text, referenced, "the new schema") : null;
        this.newProto = type == SchemaType.PROTOBUF ? ProtoSchemaText.compile(text, referenced, "the new schema") : null;
        if (type == SchemaType.JSON) {
            notes.add("JSON Schema records are counted, not validated against the new schema");
        }
    }

    /** Checks a record's key and value; a registry that fails is a RegistryException for the caller. */
    public void check(RawRecord r) {
        records++;
        part(r, "key", r.key());
        part(r, "value", r.value());
    }

    private void part(RawRecord r, String part, byte[] bytes) {
        if (bytes == null || !RegistryFrame.looksFramed(bytes)) {
            if (part.equals("value")) {
                unframed++;
            }
            return;
        }
        int id = (bytes[1] & 0xff) << 24 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 8 | (bytes[4] & 0xff);
        Writer w = writers.computeIfAbsent(id, this::writer);
        if (!w.ours()) {
            otherSubjects++;
            return;
        }
        checked++;
        String problem = w.problem() != null ? w.problem() : switch (type) {
            case AVRO -> avro(id, w, bytes);
            case PROTOBUF -> proto(w, bytes);
            case JSON -> null;
        };
        if (problem != null) {
            failed++;
            Failure f = new Failure(r.partition(), r.offset(), part, w.label(), problem);
            if (first == null || f.partition() < first.partition()
                    || f.partition() == first.partition() && f.offset() < first.offset()) {
                first = f;
            }
        }
    }

    private Writer writer(int id) {
        List<SubjectVersion> usages;
        try {
            usages = registry.usages(id);
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.UNKNOWN_ID) {
                notes.add("schema id " + id + " is not in the registry; its records were passed over");
                return new Writer(false, "id " + id, null, null, null);
            }
            throw e;
        }
        SubjectVersion mine = usages.stream().filter(u -> u.subject().equals(subject)).findFirst().orElse(null);
        if (mine == null) {
            return new Writer(false, "id " + id, null, null, null);
        }
        String label = "v" + mine.version() + " (id " + id + ")";
        RegisteredSchema s = registry.schema(id);
        if (s.type() != type) {
            return new Writer(true, label, null, null, label + " is " + s.type() + ", not " + type);
        }
        try {
            return switch (type) {
                case AVRO -> new Writer(true, label, AvroEvolution.parse(s.text(), s.referenced(), label), null, null);
                case PROTOBUF -> new Writer(true, label, null, ProtoSchemaText.compile(s.text(), s.referenced(), label),
                        null);
                case JSON -> new Writer(true, label, null, null, null);
            };
        } catch (IllegalArgumentException e) {
            notes.add(e.getMessage() + "; its records are read with the new schema alone");
            return new Writer(true, label, null, null, null);
        }
    }

    private String avro(int id, Writer w, byte[] bytes) {
        GenericDatumReader<Object> reader = avroReaders.computeIfAbsent(id,
                i -> new GenericDatumReader<>(w.avro() == null ? newAvro : w.avro(), newAvro));
        decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, decoder);
        try {
            reader.read(null, decoder);
            return decoder.isEnd() ? null : "the record has bytes left over after the new schema read it";
        } catch (IOException | RuntimeException e) {
            return "Avro cannot read it with the new schema: " + e.getMessage();
        }
    }

    private String proto(Writer w, byte[] bytes) {
        RegistryFrame frame;
        try {
            frame = RegistryFrame.parse(bytes);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        Descriptor written = w.proto() == null ? null : ProtoSchemaText.at(w.proto(), frame.messageIndexes());
        Descriptor target = written == null ? ProtoSchemaText.at(newProto, frame.messageIndexes())
                : ProtoSchemaText.named(newProto, written.getFullName());
        if (target == null) {
            return written == null ? "the message index path " + java.util.Arrays.toString(frame.messageIndexes())
                    + " names no message of the new schema"
                    : "the record is a " + written.getFullName() + ", which the new schema no longer has";
        }
        return ProtoPayloadCheck.problem(bytes, frame.payloadOffset(), target);
    }

    public Result result() {
        List<String> n = new ArrayList<>(notes);
        return new Result(records, checked, checked - failed, failed, otherSubjects, unframed, first, n);
    }
}
