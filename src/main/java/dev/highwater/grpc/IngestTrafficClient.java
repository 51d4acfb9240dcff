package dev.highwater.grpc;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.proto.blockchain.BlockchainIndexerGrpc;
import dev.highwater.proto.blockchain.IngestResult;
import dev.highwater.proto.blockchain.Transaction;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's traffic: streams generated payments through IngestTransactions at a target rate, one short
 * stream a second so results come back regularly. Pacing is a token bucket checked every couple of
 * milliseconds, and nothing is sent while the call is not ready: when the server is slower than the target,
 * the client falls behind instead of buffering. A failed stream is retried after a short pause.
 */
public final class IngestTrafficClient implements AutoCloseable {

    private static final long STREAM_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Unused allowance is capped at this much of a second, so a stall is not followed by a flood. */
    // Half a second of catching up after the sender thread was descheduled (2 busy cores, a GC pause)
    private static final double MAX_BURST_SECONDS = 0.5;
    /** Streams whose result has not come back yet; beyond this the server is too slow and we wait. */
    private static final int MAX_STREAMS_AWAITING_RESULT = 4;

    private final BlockchainIndexerGrpc.BlockchainIndexerStub stub;
    private final String target;
    private final DemoTrafficGenerator generator; // used only by the sender thread
    private final Semaphore streamsAwaitingResult = new Semaphore(MAX_STREAMS_AWAITING_RESULT);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ingested = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final RecentRate ingestRate = new RecentRate(TimeUnit.SECONDS.toNanos(5));
    private final Thread sender;
    private volatile int rate;
    private volatile boolean running;
    private volatile String lastError;
    // the token bucket: touched only by the sender thread, carried over from one stream to the next
    private double tokens;
    private long refilledAt;

    public IngestTrafficClient(Channel channel, DemoTrafficGenerator generator, int ratePerSecond) {
        this.stub = BlockchainIndexerGrpc.newStub(channel);
        this.target = channel.authority();
        this.generator = generator;
        setRate(ratePerSecond);
        this.sender = DaemonThreads.unstarted("demo-ingest-traffic", this::sendUntilClosed);
    }

    public synchronized void start() {
        if (running || sender.getState() != Thread.State.NEW) {
            throw new IllegalStateException("the demo traffic was already started");
        }
        running = true;
        sender.start();
    }

    /** Changes the target rate from the next few milliseconds on; 0 pauses the traffic. */
    public void setRate(int ratePerSecond) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("the rate must be 0 or more transactions per second");
        }
        rate = ratePerSecond;
    }

    public int rate() {
        return rate;
    }

    /** Transactions handed to gRPC. */
    public long sent() {
        return sent.get();
    }

    /** Transactions the indexer reported ingested (published), from the streams' results. */
    public long ingested() {
        return ingested.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Ingested transactions per second over the last few seconds. */
    public double ingestRate() {
        return ingestRate.perSecond(System.nanoTime());
    }

    /** The most recent failure as one sentence, cleared once a stream succeeds again. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** Stops within a second; the stream in progress is finished, not cancelled, so its result still counts. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(sender);
        try {
            sender.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendUntilClosed() {
        refilledAt = System.nanoTime();
        while (running) {
            if (rate == 0) {
                LockSupport.parkNanos(TICK_NANOS);
                tokens = 0;
                refilledAt = System.nanoTime();
                continue;
            }
            if (!streamsAwaitingResult.tryAcquire()) {
                // waiting for a result: the time still counts, so the tokens keep accruing (up to the burst cap)
                LockSupport.parkNanos(TICK_NANOS);
                continue;
            }
            try {
                if (!sendOneStream()) {
                    pauseBeforeRetry();
                }
            } catch (RuntimeException e) { // keep the demo's traffic alive whatever one stream did
                lastError = "The demo traffic to " + target + " hit " + e + "; retrying.";
                pauseBeforeRetry();
            }
        }
    }

    /** Streams for about a second; false when the call failed on the way. */
    private boolean sendOneStream() {
        IngestCall call = new IngestCall();
        stub.ingestTransactions(call);
        long streamEnd = System.nanoTime() + STREAM_NANOS;
        while (running && !call.ended && System.nanoTime() < streamEnd) {
            long now = System.nanoTime();
            int r = rate;
            tokens = Math.min(tokens + (now - refilledAt) * r / 1e9, r * MAX_BURST_SECONDS + 1);
            refilledAt = now;
            long millis = System.currentTimeMillis();
            while (tokens >= 1 && call.requests.isReady()) {
                call.requests.onNext(generator.next(millis));
                sent.incrementAndGet();
                tokens--;
            }
            LockSupport.parkNanos(TICK_NANOS); // an on-ready signal wakes this early
        }
        if (call.ended) {
            return false;
        }
        call.requests.onCompleted();
        return true;
    }

    private void pauseBeforeRetry() {
        long until = System.nanoTime() + RETRY_NANOS;
        long left;
        while (running && (left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private String describe(Throwable error) {
        Status status = Status.fromThrowable(error);
        String detail = status.getDescription() == null ? "" : " (" + status.getDescription().replace('\n', ' ') + ")";
        return status.getCode() == Status.Code.UNAVAILABLE
                ? "The indexer at " + target + " is unreachable" + detail + "; retrying."
                : "The ingest stream to " + target + " failed with " + status.getCode() + detail + "; retrying.";
    }

    /** One IngestTransactions call: the sender thread writes; gRPC's threads report the result. */
    private final class IngestCall implements ClientResponseObserver<Transaction, IngestResult> {
        private ClientCallStreamObserver<Transaction> requests;
        private volatile boolean ended;

        @Override
        public void beforeStart(ClientCallStreamObserver<Transaction> requestStream) {
            requests = requestStream;
            requestStream.setOnReadyHandler(() -> LockSupport.unpark(sender));
        }

        @Override
        public void onNext(IngestResult result) {
            failed.addAndGet(result.getFailed());
            ingestRate.record(ingested.addAndGet(result.getIngested()), System.nanoTime());
            lastError = null;
        }

        @Override
        public void onError(Throwable t) {
            lastError = describe(t);
            end();
        }

        @Override
        public void onCompleted() {
            end();
        }

        private void end() {
            ended = true;
            streamsAwaitingResult.release();
            LockSupport.unpark(sender);
        }
    }
}
