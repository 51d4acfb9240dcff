package dev.highwater.app;

import dev.highwater.core.lag.LagHistoryStore;
import dev.highwater.core.lag.LagService;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.grpc.GrpcClients;
import dev.highwater.kafka.lag.KafkaKeySampler;
import dev.highwater.kafka.lag.KafkaOffsetsSource;
import dev.highwater.store.H2LagHistoryStore;
import dev.highwater.store.OwnerOnlyFiles;
import dev.highwater.store.ProfileFile;
import dev.highwater.core.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** The composition root: the one place where adapters are chosen and wired into the engine. */
public final class Wiring {

    private Wiring() {
    }

    /** The desktop app: real backends, history in the user's data folder (readable by the user only). */
    public static Composition desktop() {
        Path data = userDataFolder();
        try {
            OwnerOnlyFiles.dataFolder(data);
        } catch (IOException e) {
            // each store says in its own words what it cannot do without the folder
            log().warn("The data folder {} cannot be made private to you: {}", data, e.toString());
        }
        Adapters adapters = Adapters.real(data);
        return new Composition(adapters.demo(), new ThreadPoolTasks(4),
                cluster -> lagService(cluster, data.resolve("lag-history")), AppVersion.get(), data,
                SchemaCatalog.withBuiltIn(), new ProfileFile(data.resolve("profiles.properties")), adapters);
    }

    /** What the desktop and the command line do with gRPC targets. */
    public static GrpcClients grpcClients() {
        return commandLine().grpc();
    }

    /** The command line's adapters: the same ones the desktop app uses. */
    public static Adapters commandLine() {
        return Adapters.real();
    }

    /** A started lag watcher with H2 history; without history (said in its storage problem) when the file is held. */
    public static LagService lagService(String bootstrap, Path historyFile) {
        return lagService(ClientSettings.of(bootstrap), historyFile);
    }

    /** As {@link #lagService(String, Path)}, for a cluster with client properties (security and the like). */
    public static LagService lagService(ClientSettings client, Path historyFile) {
        String bootstrap = client.bootstrapServers();
        LagHistoryStore store = null;
        String problem = null;
        try {
            H2LagHistoryStore h2 = H2LagHistoryStore.open(historyFile);
            if (h2.openingNotice() != null) {
                log().warn(h2.openingNotice());
            }
            store = h2;
        } catch (StoreException e) {
            problem = e.getMessage();
        }
        LagService service = new LagService(new KafkaOffsetsSource(client, Clock.systemUTC()),
                new KafkaKeySampler(client), store, bootstrap, LagSettings.defaults(), Clock.systemUTC());
        if (problem != null) {
            log().warn("Lag history is off: {}", problem);
            service.storageUnavailable(problem); // the Partitions screen says so too
        }
        service.start();
        return service;
    }

    /**
     * Asked for when something is to be logged, not when the class loads: the command line reaches this class for
     * every command, and setting up logging (reading its configuration, probing for optional libraries) is most
     * of the start-up of one that never logs, such as {@code --version}.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(Wiring.class);
    }

    /** ~/.highwater (or HIGHWATER_HOME): history and settings live here. */
    public static Path userDataFolder() {
        return AppLogging.dataFolder();
    }
}
