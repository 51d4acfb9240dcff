package dev.highwater.core.tail;

import java.util.List;
import java.util.Map;

/**
 * Reads the records of one cluster's topics without disturbing anyone's consumer group: the port the Messages
 * screen and the tail command read through.
 */
public interface TailSource {

    /**
     * The cluster's topics (internal ones left out), sorted.
     *
     * @throws TailException when the cluster cannot list them (one sentence)
     */
    List<String> topics();

    /** How many partitions a topic has (0 when it does not exist); RuntimeException when the cluster cannot say. */
    int partitions(String topic);

    /**
     * Where each partition of a topic ends now (the offset its next record will get), by partition; empty when
     * the topic does not exist. Lets a reader start N records before the end of each partition.
     *
     * @throws TailException when the cluster cannot say (one sentence)
     */
    default Map<Integer, Long> endOffsets(String topic) {
        throw new TailException("this source cannot say where the partitions of " + topic + " end");
    }

    /** A read of the request, not started yet; records and states go to the listener. */
    TailReading open(TailRequest request, TailListener listener);
}
