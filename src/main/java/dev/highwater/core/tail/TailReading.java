package dev.highwater.core.tail;

/**
 * One read of a topic, made by a {@link TailSource}: it reads on the caller's thread ({@link #run()}) or on one
 * of its own ({@link #start()}); {@link #pause()}, {@link #resume()} and {@link #close()} come from any thread.
 */
public interface TailReading extends AutoCloseable {

    /** Reads on a thread of its own until closed (or the end, when not following); a failure is a FAILED status. */
    void start();

    /**
     * Reads on the calling thread until the end (when not following), the limit, or {@link #close()}.
     *
     * @throws TailException when the topic, partition or cluster cannot be read (one sentence)
     */
    void run() throws InterruptedException;

    void pause();

    void resume();

    @Override
    void close();
}
