package dev.highwater.grpc.reflection;

import com.google.protobuf.Descriptors.FileDescriptor;
import dev.highwater.proto.blockchain.BlockchainIndexerProto;
import io.grpc.Status;
import io.grpc.reflection.v1.ErrorResponse;
import io.grpc.reflection.v1.FileDescriptorResponse;
import io.grpc.reflection.v1.ListServiceResponse;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;

/**
 * A reflection service that, unlike grpc-java's, answers a symbol with its own file only, so the client must
 * ask for the imports by file name; it lists one extra service it knows nothing about.
 */
final class OneFileAtATimeReflection extends ServerReflectionGrpc.ServerReflectionImplBase {

    private static final FileDescriptor INDEXER = BlockchainIndexerProto.getDescriptor();

    @Override
    public StreamObserver<ServerReflectionRequest> serverReflectionInfo(StreamObserver<ServerReflectionResponse> out) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionRequest r) {
                ServerReflectionResponse.Builder answer = ServerReflectionResponse.newBuilder().setOriginalRequest(r);
                if (r.hasListServices()) {
                    answer.setListServicesResponse(ListServiceResponse.newBuilder()
                            .addService(ServiceResponse.newBuilder().setName("blockchain.BlockchainIndexer"))
                            .addService(ServiceResponse.newBuilder().setName("ghost.Unknown")));
                } else if (r.getFileContainingSymbol().equals("blockchain.BlockchainIndexer")) {
                    answer.setFileDescriptorResponse(file(INDEXER));
                } else if (r.hasFileByFilename() && INDEXER.getDependencies().stream()
                        .anyMatch(d -> d.getName().equals(r.getFileByFilename()))) {
                    answer.setFileDescriptorResponse(file(INDEXER.getDependencies().stream()
                            .filter(d -> d.getName().equals(r.getFileByFilename())).findFirst().orElseThrow()));
                } else {
                    answer.setErrorResponse(ErrorResponse.newBuilder().setErrorCode(Status.Code.NOT_FOUND.value())
                            .setErrorMessage("not known here"));
                }
                out.onNext(answer.build());
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

    private static FileDescriptorResponse file(FileDescriptor f) {
        return FileDescriptorResponse.newBuilder().addFileDescriptorProto(f.toProto().toByteString()).build();
    }
}
