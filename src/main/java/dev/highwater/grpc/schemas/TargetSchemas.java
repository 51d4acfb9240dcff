package dev.highwater.grpc.schemas;

import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.grpc.reflection.ReflectionException;
import dev.highwater.grpc.reflection.ReflectionSchemas;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A gRPC backend's types over server reflection (plaintext channel), as a schema source for decoding. */
public final class TargetSchemas {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    private TargetSchemas() {
    }

    /** Loads the backend's types; an IllegalArgumentException says in one sentence why not. */
    public static SchemaCatalog.Source load(String target) {
        ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
        try {
            return ReflectionSchemas.load(channel, target, DEADLINE);
        } catch (ReflectionException e) {
            throw new IllegalArgumentException(e.getMessage());
        } finally {
            channel.shutdownNow();
            try {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
