package dev.highwater.core.tail;

import dev.highwater.core.decode.DecodePipeline;
import dev.highwater.core.decode.Pace;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.decode.RowBuffer;

import java.util.List;
import java.util.function.Consumer;

/**
 * A tail for a live view: a {@link TailReading} on its own thread feeding a {@link DecodePipeline}, whose bounded
 * rows a view takes snapshots of. Closing stops both.
 */
public final class LiveTail implements AutoCloseable {

    private final TailReading reader;
    private final DecodePipeline pipeline;

    /**
     * Starts reading. The pipeline's settings were checked when it was made; the reader's problems (no such
     * topic, no cluster) arrive as a FAILED status.
     */
    public LiveTail(TailSource source, TailRequest request, DecodePipeline pipeline, Consumer<TailStatus> status) {
        this(source, request, pipeline, Pace.FULL_SPEED, status);
    }

    /** As above, the reader asking {@code pace} after each batch whether to yield the CPU for a moment. */
    public LiveTail(TailSource source, TailRequest request, DecodePipeline pipeline, Pace pace,
                    Consumer<TailStatus> status) {
        this.pipeline = pipeline;
        this.reader = source.open(request, new TailListener() {
            @Override
            public void records(List<RawRecord> batch) throws InterruptedException {
                pipeline.accept(batch);
                pace.betweenBatches();
            }

            @Override
            public void status(TailStatus s) {
                status.accept(s);
            }
        });
        reader.start();
    }

    public RowBuffer rows() {
        return pipeline.rows();
    }

    public DecodePipeline pipeline() {
        return pipeline;
    }

    public void pause() {
        reader.pause();
    }

    public void resume() {
        reader.resume();
    }

    @Override
    public void close() {
        reader.close();
        pipeline.close();
    }
}
