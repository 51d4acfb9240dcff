package dev.highwater.grpc;

import dev.highwater.core.indexer.BlockIndex;
import dev.highwater.proto.blockchain.SyncRequest;
import dev.highwater.proto.blockchain.SyncResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One SyncBlocks call: answers each request with the retained blocks after its height, up to the head at the
 * time of the request. The next request is read only once an answer is fully sent, so neither side of the
 * call buffers more than one answer's cursor.
 */
final class BlockSyncCall implements StreamObserver<SyncRequest> {

    private final BlockIndex index;
    private final ServerCallStreamObserver<SyncResponse> call;
    private final BlockCursor<SyncResponse> cursor;
    private boolean answering;
    private boolean clientDone;

    BlockSyncCall(BlockIndex index, ServerCallStreamObserver<SyncResponse> call) {
        this.index = index;
        this.call = call;
        this.cursor = new BlockCursor<>(index, call, block -> SyncResponse.newBuilder().setBlock(block).build());
        call.disableAutoRequest();
        call.setOnReadyHandler(cursor::drain);
        call.setOnCancelHandler(() -> { }); // a handler makes sends after a cancel no-ops instead of errors
        call.request(1);
    }

    @Override
    public void onNext(SyncRequest request) {
        synchronized (this) {
            answering = true;
        }
        long from = Math.max(request.getHaveHeight(), 0) + 1;
        cursor.start(from, index.headHeight(), this::answered);
    }

    @Override
    public void onError(Throwable t) {
        // the client cancelled: the cursor stops at the next send
    }

    @Override
    public void onCompleted() {
        boolean completeNow;
        synchronized (this) {
            clientDone = true;
            completeNow = !answering;
        }
        if (completeNow) {
            cursor.complete();
        }
    }

    // runs inside the cursor's drain
    private void answered() {
        boolean completeNow;
        synchronized (this) {
            answering = false;
            completeNow = clientDone;
        }
        if (completeNow) {
            cursor.complete();
        } else {
            call.request(1);
        }
    }
}
