package dev.highwater.app;

import dev.highwater.core.connect.InMemoryProfiles;
import dev.highwater.core.connect.ProfileRepository;
import dev.highwater.core.demo.DemoStarter;
import dev.highwater.core.grpc.GrpcClients;
import dev.highwater.core.schema.SchemaCatalog;

import java.nio.file.Path;

/**
 * What the front ends need, built once by {@link Wiring} and passed down by constructor: there is no other
 * place that creates services, and no static state, so a test builds its own.
 *
 * @param demo       starts the embedded demo
 * @param tasks      background work (never the UI thread)
 * @param lag        watches a cluster's consumer groups
 * @param version    the app's version, for the title and --version
 * @param dataFolder where the app keeps its files (history, snapshots, settings)
 * @param schemas    the Protobuf types known from every schema source, shared by the Messages and gRPC areas
 * @param profiles   the user's connection profiles
 * @param adapters   what the screens reach a cluster and the snapshots through
 */
public record Composition(DemoStarter demo, BackgroundTasks tasks, LagServiceFactory lag, String version,
                          Path dataFolder, SchemaCatalog schemas, ProfileRepository profiles, Adapters adapters) {

    /** Workbench sessions, the indexer's blocks, probes and reflection on gRPC targets. */
    public GrpcClients grpc() {
        return adapters.grpc();
    }

    /** With the real adapters. */
    public Composition(DemoStarter demo, BackgroundTasks tasks, LagServiceFactory lag, String version,
                       Path dataFolder, SchemaCatalog schemas, ProfileRepository profiles) {
        this(demo, tasks, lag, version, dataFolder, schemas, profiles, Adapters.real(dataFolder));
    }

    /** With profiles kept for the running app only and the real adapters (tests). */
    public Composition(DemoStarter demo, BackgroundTasks tasks, LagServiceFactory lag, String version,
                       Path dataFolder, SchemaCatalog schemas) {
        this(demo, tasks, lag, version, dataFolder, schemas, new InMemoryProfiles());
    }
}
