package dev.highwater.core.tail;

import java.util.List;

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

    /** A read of the request, not started yet; records and states go to the listener. */
    TailReading open(TailRequest request, TailListener listener);
}
