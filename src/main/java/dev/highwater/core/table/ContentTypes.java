package dev.highwater.core.table;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * One array per distinct content-type header: a topic's records carry a few of them, each record its own copy, so
 * a million keys would otherwise keep a million copies of the same few bytes. Past {@link #MOST} distinct values
 * (not a content type any more, rather an id), values are kept as they come.
 */
final class ContentTypes {

    static final int MOST = 256;

    private final Map<ByteBuffer, byte[]> seen = new HashMap<>();

    byte[] intern(byte[] contentType) {
        if (contentType == null) {
            return null;
        }
        byte[] held = seen.get(ByteBuffer.wrap(contentType));
        if (held != null) {
            return held;
        }
        if (seen.size() < MOST) {
            seen.put(ByteBuffer.wrap(contentType), contentType);
        }
        return contentType;
    }
}
