package dev.highwater.core.evolution;

import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.tail.TailException;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailReading;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailSource;
import dev.highwater.core.tail.TailStart;
import dev.highwater.core.tail.TailStatus;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the last records of each partition of a topic, group-less (nobody's consumer group sees it), on the
 * calling thread. A cluster that stops answering ends the read with a {@link TailException}: a check must not
 * report on part of the records as if it were all of them.
 */
public final class LastRecords {

    private LastRecords() {
    }

    /**
     * Hands every record among the last {@code count} offsets of each partition to {@code each}, then returns.
     *
     * @throws TailException when the topic cannot be read or the cluster stops answering (one sentence)
     */
    public static void read(TailSource source, String topic, long count, Consumer<RawRecord> each)
            throws InterruptedException {
        String[] lost = {null};
        TailReading[] reading = new TailReading[1];
        reading[0] = source.open(new TailRequest(topic, null, TailStart.last(count), false, 0), new TailListener() {
            @Override
            public void records(List<RawRecord> batch) {
                batch.forEach(each);
            }

            @Override
            public void status(TailStatus status) {
                if (status.state() == TailStatus.State.DISCONNECTED || status.state() == TailStatus.State.FAILED) {
                    lost[0] = status.message();
                    reading[0].close();
                }
            }
        });
        try {
            reading[0].run();
        } finally {
            reading[0].close();
        }
        if (lost[0] != null) {
            throw new TailException(lost[0]);
        }
    }
}
