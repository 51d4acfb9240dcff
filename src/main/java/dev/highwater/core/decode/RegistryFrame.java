package dev.highwater.core.decode;

/**
 * Confluent schema-registry framing of a Protobuf value: magic byte 0, a 4-byte big-endian schema id, then the
 * message indexes (a zig-zag varint count and that many zig-zag varints; a single 0 byte stands for [0], the
 * first message of the schema), then the Protobuf payload. A plain Protobuf message never starts with 0 (field
 * number 0 does not exist), so the framing is recognised without guessing.
 *
 * @param schemaId       the registry's schema id
 * @param messageIndexes the path to the message type inside the schema ([0] = its first message)
 * @param payloadOffset  where the Protobuf payload starts
 */
public record RegistryFrame(int schemaId, int[] messageIndexes, int payloadOffset) {

    /** True when the bytes start like a registry frame (magic byte 0 and room for the schema id). */
    public static boolean looksFramed(byte[] bytes) {
        return bytes != null && bytes.length >= 6 && bytes[0] == 0;
    }

    /**
     * True when the bytes can carry a schema id: magic byte 0 and the 4-byte id. Avro and JSON frames have no
     * message indexes, and an empty Avro record is nothing more than that.
     */
    public static boolean hasSchemaId(byte[] bytes) {
        return bytes != null && bytes.length >= 5 && bytes[0] == 0;
    }

    /** The schema id of bytes that {@link #hasSchemaId have one}. */
    public static int schemaId(byte[] bytes) {
        return (bytes[1] & 0xff) << 24 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 8 | (bytes[4] & 0xff);
    }

    /** Reads the framing; an IllegalArgumentException says what is wrong with it. */
    public static RegistryFrame parse(byte[] bytes) {
        if (!looksFramed(bytes)) {
            throw new IllegalArgumentException("not a schema-registry frame (no magic byte 0 and schema id)");
        }
        int id = schemaId(bytes);
        int[] pos = {5};
        int count = zigZag(bytes, pos);
        int[] indexes;
        if (count == 0) {
            indexes = new int[] {0};
        } else if (count < 0 || count > 100) {
            throw new IllegalArgumentException("schema-registry frame with an impossible message-index count " + count);
        } else {
            indexes = new int[count];
            for (int i = 0; i < count; i++) {
                indexes[i] = zigZag(bytes, pos);
                if (indexes[i] < 0) {
                    throw new IllegalArgumentException("schema-registry frame with a negative message index");
                }
            }
        }
        return new RegistryFrame(id, indexes, pos[0]);
    }

    private static int zigZag(byte[] b, int[] pos) {
        int result = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IllegalArgumentException("schema-registry frame cut short in its message indexes");
            }
            int v = b[pos[0]++];
            result |= (v & 0x7f) << shift;
            if (v >= 0) {
                return (result >>> 1) ^ -(result & 1);
            }
        }
        throw new IllegalArgumentException("schema-registry frame with a malformed message index");
    }
}
