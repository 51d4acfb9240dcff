package dev.highwater.kafka.tail;

import dev.highwater.core.decode.RawRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.util.AbstractList;

/**
 * A record's headers as the engine sees them, converted on first look: the reading thread only wraps them, and
 * the decode worker pays for reading the header names (Kafka decodes them lazily).
 */
final class KafkaHeaderList extends AbstractList<RawRecord.Header> {

    private final Headers headers;
    private RawRecord.Header[] converted;

    KafkaHeaderList(Headers headers) {
        this.headers = headers;
    }

    @Override
    public RawRecord.Header get(int index) {
        return converted()[index];
    }

    @Override
    public int size() {
        return converted().length;
    }

    private RawRecord.Header[] converted() {
        RawRecord.Header[] c = converted;
        if (c == null) {
            Header[] hs = headers.toArray();
            c = new RawRecord.Header[hs.length];
            for (int i = 0; i < hs.length; i++) {
                c[i] = new RawRecord.Header(hs[i].key(), hs[i].value());
            }
            converted = c;
        }
        return c;
    }
}
