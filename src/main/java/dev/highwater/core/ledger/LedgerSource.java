package dev.highwater.core.ledger;

import java.util.List;

/** Where ledger records come from (Kafka, or a list in a test): committed records only, never a commit. */
public interface LedgerSource extends AutoCloseable {

    /** Receives records, in offset order within each partition. */
    @FunctionalInterface
    interface RecordSink {
        void record(int partition, long offset, byte[] key, byte[] value);
    }

    /**
     * Receives records with their Kafka timestamps and the value of their last {@code content-type} header (or
     * null: a decoder reads that header first), in offset order within each partition.
     */
    @FunctionalInterface
    interface TimedRecordSink {
        void record(int partition, long offset, long timestamp, byte[] key, byte[] value, byte[] contentType);
    }

    /** The topics there are (for a picker). */
    List<String> topics();

    /**
     * @throws IllegalArgumentException in one sentence when the topic does not exist
     * @throws IllegalStateException in one sentence when the cluster cannot be reached
     */
    LedgerTopic describe(String topic);

    /**
     * Reads every partition from {@code from[p]} up to the topic's end offsets as described, calling the sink on
     * the caller's thread. An exception from the sink stops the read and is thrown from here.
     */
    void read(LedgerTopic topic, long[] from, RecordSink sink);

    /**
     * As {@link #read}, with each record's Kafka timestamp: a ledger places its events by the timestamp they carry,
     * a keyed topic's state at an instant by the record's own. Sources that cannot tell it do not offer it.
     *
     * @throws UnsupportedOperationException when this source does not know the records' timestamps
     */
    default void readTimed(LedgerTopic topic, long[] from, TimedRecordSink sink) {
        throw new UnsupportedOperationException("this source does not give the records' timestamps");
    }

    @Override
    void close();
}
