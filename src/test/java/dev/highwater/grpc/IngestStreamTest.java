package dev.highwater.grpc;

import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.core.indexer.BlockIndex;
import dev.highwater.proto.blockchain.IngestResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestStreamTest {

    private final BlockIndex index = new BlockIndex();
    private final InMemoryTransactionSink sink = new InMemoryTransactionSink();
    private final ScriptedServerCall<IngestResult> call = new ScriptedServerCall<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final DemoTrafficGenerator generator = new DemoTrafficGenerator(0.4, 10, 7);

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void asksForMoreOnlyAsBatchesFinishPublishing() {
        IngestStream stream = stream(Duration.ofHours(1));
        assertEquals(20, call.requested, "two batches of ten");
        sink.holdPublishes();

        send(stream, 20);
        assertEquals(20, call.requested, "nothing more while both batches are being published");

        sink.releaseHeld();
        assertEquals(40, call.requested);
        assertEquals(20, sink.published().size());
    }

    @Test
    void theResultComesOnlyAfterEveryBatchHasCompleted() {
        IngestStream stream = stream(Duration.ofHours(1));
        sink.holdPublishes();

        send(stream, 15);
        stream.onCompleted();
        assertFalse(call.completed);

        sink.releaseHeld();
        assertEquals(List.of(IngestResult.newBuilder().setIngested(15).build()), call.sent);
        assertTrue(call.completed);
        assertEquals(15, index.ingested());
    }

    @Test
    void aPartialBatchIsPublishedAfterTheLinger() {
        IngestStream stream = stream(Duration.ofMillis(1));

        send(stream, 3);

        Eventually.await("the partial batch to be published", () -> sink.published().size() == 3);
        assertFalse(call.completed, "the client has not finished");
    }

    private IngestStream stream(Duration linger) {
        IndexerSettings settings = IndexerSettings.defaults().withIngestBatching(10, linger, 2);
        return new IngestStream(index, sink, call, settings, timers, Runnable::run, error -> { });
    }

    private void send(IngestStream stream, int count) {
        for (int i = 0; i < count; i++) {
            stream.onNext(generator.next(1_000 + i));
        }
    }
}
