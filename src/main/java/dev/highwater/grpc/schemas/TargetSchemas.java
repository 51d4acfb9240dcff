package dev.highwater.grpc.schemas;

import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.ReflectionException;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.grpc.reflection.ReflectionSchemas;
import dev.highwater.grpc.workbench.Channels;
import io.grpc.ManagedChannel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A gRPC backend's types over server reflection, as a schema source for decoding. */
public final class TargetSchemas {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    private TargetSchemas() {
    }

    /** Loads the backend's types; an IllegalArgumentException says in one sentence why not. */
    public static SchemaCatalog.Source load(String target) {
        return load(ChannelSettings.plaintext(target));
    }

    /** As {@link #load(String)}, over the transport the connection's profile asks for (TLS, mutual TLS). */
    public static SchemaCatalog.Source load(ChannelSettings settings) {
        ManagedChannel channel;
        try {
            channel = Channels.open(settings);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The gRPC settings for " + settings.target() + " cannot be used: "
                    + e.getMessage());
        }
        try {
            return ReflectionSchemas.load(channel, settings.target(), DEADLINE);
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
