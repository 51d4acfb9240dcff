package dev.highwater.core.decode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One record as read from a topic, before decoding: the bytes of its key and value (either may be null) and its
 * headers. Adapters build these from their client's records; the engine never sees a client type.
 */
public record RawRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                        List<Header> headers) {

    /** One record header; its value may be null. */
    public record Header(String name, byte[] value) {
    }

    public RawRecord {
        headers = headers == null ? List.of() : headers;
    }

    /** The value of the last header of that name (case-insensitive), as UTF-8 text, or null. */
    public String header(String name) {
        String found = null;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name) && h.value() != null) {
                found = new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return found;
    }

    /**
     * Headers that find one by name without converting them all: the decoders ask each record for its content-type
     * only, millions of times in a tail.
     */
    public interface HeaderLookup {
        /** The bytes of the last header of that name (case-insensitive), or null. */
        byte[] lastBytes(String name);
    }

    /** The bytes of the last header of that name (case-insensitive), or null; not copied. */
    public byte[] headerBytes(String name) {
        if (headers instanceof HeaderLookup lookup) {
            return lookup.lastBytes(name);
        }
        byte[] found = null;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                found = h.value();
            }
        }
        return found;
    }

    public int size() {
        return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }
}
