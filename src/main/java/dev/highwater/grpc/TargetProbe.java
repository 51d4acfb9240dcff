package dev.highwater.grpc;

import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcProbe.Result;
import dev.highwater.grpc.workbench.Channels;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Asks a gRPC target, by server reflection, which services it offers; says in one sentence when it cannot. */
public final class TargetProbe {

    private TargetProbe() {
    }

    public static Result probe(String target, Duration timeout) {
        ManagedChannel channel;
        try {
            channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
        } catch (IllegalArgumentException e) {
            return new Result(false, List.of(), "'" + target + "' is not a gRPC target: use host:port.");
        }
        return probe(channel, target, timeout);
    }

    /** As {@link #probe(String, Duration)}, over the transport (TLS, mutual TLS) the settings ask for. */
    public static Result probe(ChannelSettings settings, Duration timeout) {
        ManagedChannel channel;
        try {
            channel = Channels.open(settings);
        } catch (RuntimeException e) {
            return new Result(false, List.of(), "The gRPC settings for " + settings.target() + " cannot be used: "
                    + e.getMessage());
        }
        return probe(channel, settings.target(), timeout);
    }

    private static Result probe(ManagedChannel channel, String target, Duration timeout) {
        try {
            List<String> services = new java.util.concurrent.CopyOnWriteArrayList<>(); // filled on a gRPC thread
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .serverReflectionInfo(new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse r) {
                            r.getListServicesResponse().getServiceList().forEach(s -> services.add(s.getName()));
                        }

                        @Override
                        public void onError(Throwable t) {
                            failure.set(t);
                            done.countDown();
                        }

                        @Override
                        public void onCompleted() {
                            done.countDown();
                        }
                    });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            requests.onCompleted();
            if (!done.await(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                // the call's own deadline should have ended it; a busy machine can delay that, and silence is no answer
                return new Result(false, List.of(), describe(target, timeout, Status.DEADLINE_EXCEEDED));
            }
            Throwable t = failure.get();
            if (t == null) {
                return new Result(true, List.copyOf(services), null);
            }
            Status status = Status.fromThrowable(t);
            if (status.getCode() == Status.Code.UNIMPLEMENTED) {
                return new Result(true, List.of(), null); // it answers, without reflection
            }
            return new Result(false, List.of(), describe(target, timeout, status));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, List.of(), "Interrupted while probing " + target);
        } catch (StatusRuntimeException e) {
            return new Result(false, List.of(), describe(target, timeout, e.getStatus()));
        } finally {
            channel.shutdownNow();
        }
    }

    private static String describe(String target, Duration timeout, Status status) {
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> "No gRPC server answered at " + target + " within " + timeout.toSeconds()
                    + " s: check the address and that the server is running.";
            case UNAVAILABLE -> "The gRPC server at " + target + " is unreachable (" + status.getDescription()
                    + "): check the address and that the server is running.";
            default -> "The gRPC server at " + target + " answered " + status.getCode()
                    + (status.getDescription() == null ? "" : ": " + status.getDescription());
        };
    }
}
