package dev.highwater.grpc.workbench;

import com.google.protobuf.ByteString;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.BlockchainIndexerGrpc;
import dev.highwater.proto.blockchain.GetTransactionRequest;
import dev.highwater.proto.blockchain.IngestResult;
import dev.highwater.proto.blockchain.SubscribeRequest;
import dev.highwater.proto.blockchain.SyncRequest;
import dev.highwater.proto.blockchain.SyncResponse;
import dev.highwater.proto.blockchain.Transaction;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * An indexer with scripted answers for each call type: one known transaction (hash 0x010203), three blocks
 * and then an error on every subscription, a count of ingested transactions, and a block per sync request.
 */
public final class ScriptedIndexer extends BlockchainIndexerGrpc.BlockchainIndexerImplBase {

    public static final ByteString KNOWN_HASH = ByteString.copyFrom(new byte[] {1, 2, 3});
    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public void getTransaction(GetTransactionRequest request, StreamObserver<Transaction> out) {
        if (request.getHash().equals(KNOWN_HASH)) {
            out.onNext(Transaction.newBuilder().setHash(KNOWN_HASH).setSender("acct-0001").setRecipient("acct-0002")
                    .setAmount("12.50").setStatus(1).setBlockHeight(7).build());
            out.onCompleted();
            return;
        }
        Metadata trailers = new Metadata();
        trailers.put(REQUEST_ID, "req-42");
        out.onError(Status.NOT_FOUND.withDescription("no transaction with that hash").asRuntimeException(trailers));
    }

    @Override
    public void subscribeToBlocks(SubscribeRequest request, StreamObserver<Block> out) {
        for (long h = request.getStartHeight(); h < request.getStartHeight() + 3; h++) {
            out.onNext(Block.newBuilder().setHeight(h).build());
        }
        out.onError(Status.ABORTED.withDescription("the index was rebuilt").asRuntimeException());
    }

    @Override
    public StreamObserver<Transaction> ingestTransactions(StreamObserver<IngestResult> out) {
        return new StreamObserver<>() {
            long count;

            @Override
            public void onNext(Transaction value) {
                count++;
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                out.onNext(IngestResult.newBuilder().setIngested(count).build());
                out.onCompleted();
            }
        };
    }

    @Override
    public StreamObserver<SyncRequest> syncBlocks(StreamObserver<SyncResponse> out) {
        return new StreamObserver<>() {
            @Override
            public void onNext(SyncRequest value) {
                out.onNext(SyncResponse.newBuilder().setBlock(Block.newBuilder().setHeight(value.getHaveHeight() + 1))
                        .build());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                out.onCompleted();
            }
        };
    }
}
