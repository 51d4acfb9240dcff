package dev.highwater.kafka.tail;

import dev.highwater.core.decode.RawRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.util.AbstractList;

/**
 * A record's headers as the engine sees them, converted on first look: the reading thread only wraps them, and
 * the decode worker pays for reading the header names (Kafka decodes them lazily). One header looked up by name
 * (the content-type each record is asked for) is found without converting, or copying the values of, the others.
 */
final class KafkaHeaderList extends AbstractList<RawRecord.Header> implements RawRecord.HeaderLookup {

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

    @Override
    public byte[] lastBytes(String name) {
        // Kafka decodes a header's name and copies its value once, then keeps them: asking twice costs nothing
        Header last = null;
        for (Header h : headers) {
            if (h.key().equalsIgnoreCase(name)) {
                last = h;
            }
        }
        return last == null ? null : last.value();
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
