package dev.highwater.ui.messages;

import dev.highwater.core.decode.RawRecord;

import java.time.Instant;

/** Where a record is, as text to paste into a ticket or a shell: topic, partition, offset, time, and a tail to read it again. */
final class RecordCoordinates {

    private RecordCoordinates() {
    }

    /**
     * @param bootstrap the cluster's bootstrap servers, for the command line; null leaves a placeholder
     */
    static String of(RawRecord r, String bootstrap) {
        return "topic      " + r.topic() + "\n"
                + "partition  " + r.partition() + "\n"
                + "offset     " + r.offset() + "\n"
                + "timestamp  " + Instant.ofEpochMilli(r.timestamp()) + " (" + r.timestamp() + " ms)\n"
                + "highwater tail --bootstrap " + (bootstrap == null ? "HOST:PORT" : bootstrap) + " --topic " + r.topic()
                + " --partition " + r.partition() + " --offset " + r.offset() + " --limit 1\n";
    }

    /** A file name that says which record's bytes it holds: orders-2-41.bin. */
    static String fileName(RawRecord r) {
        return r.topic() + "-" + r.partition() + "-" + r.offset() + ".bin";
    }
}
