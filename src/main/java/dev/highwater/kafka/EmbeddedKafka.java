package dev.highwater.kafka;

import dev.highwater.core.Closeables;
import dev.highwater.core.text.ErrorText;
import dev.highwater.core.BackendStartException;
import dev.highwater.net.LocalPorts;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker + controller) inside this JVM,
 * listening on 127.0.0.1. Supports idempotent producers and transactions (replication factors of 1).
 *
 * <p>Data lives in a fresh temporary folder removed on {@link #close()}, or in a folder the caller keeps
 * across runs, in which case topics, records and committed offsets survive a restart.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String LOCK_FILE = "highwater.lock";

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final KafkaRaftServer server;
    private volatile boolean closed;

    private EmbeddedKafka(Path dataDir, boolean deleteOnClose, int port, FileChannel lockChannel, FileLock lock,
                          KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.server = server;
    }

    /**
     * Formats (when new) and starts a broker.
     *
     * @param port    the client port on 127.0.0.1; 0 picks a free one
     * @param dataDir a folder to keep data in across runs, or null for a temporary folder removed at close
     * @throws BackendStartException with a one-line, user-facing reason when the broker cannot start
     */
    public static EmbeddedKafka start(int port, Path dataDir) {
        return start(port, dataDir, null);
    }

    /**
     * A second client listener beside the plaintext one, e.g. SASL_SSL for security tests: its name is its
     * security protocol, and {@code properties} are broker properties it needs (key stores, SASL settings).
     */
    public record ExtraListener(String protocol, int port, Map<String, Object> properties) {
    }

    /** As {@link #start(int, Path)}, with an extra listener (null for none). */
    public static EmbeddedKafka start(int port, Path dataDir, ExtraListener extra) {
        boolean temporary = dataDir == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("highwater-kafka-") : prepareDataDir(dataDir);
        } catch (IOException e) {
            throw new BackendStartException("cannot create a data folder for Kafka: " + e.getMessage(), e);
        }
        FileChannel channel = null;
        FileLock lock = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
            if (lock == null) {
                throw new BackendStartException("the data folder " + dir
                        + " is in use by another running Highwater; stop it or choose another --data-dir");
            }
        } catch (OverlappingFileLockException e) {
            Closeables.closeQuietly(channel);
            throw new BackendStartException("the data folder " + dir
                    + " is in use by another broker in this process; choose another --data-dir", e);
        } catch (AccessDeniedException e) {
            throw new BackendStartException("the data folder " + dir + " is not writable; choose another --data-dir", e);
        } catch (IOException e) {
            Closeables.closeQuietly(channel);
            throw new BackendStartException("cannot lock the data folder " + dir + ": " + e.getMessage(), e);
        } catch (BackendStartException e) {
            Closeables.closeQuietly(channel);
            throw e;
        }

        try {
            int clientPort = port == 0 ? freeClientPort() : port;
            if (port != 0) {
                ensurePortFree(clientPort, "Kafka");
            }
            int controllerPort = LocalPorts.freeOtherThan(clientPort);
            Map<String, Object> props = brokerProperties(dir, clientPort, controllerPort);
            if (extra != null) {
                String l = extra.protocol() + "://127.0.0.1:" + extra.port();
                props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + "," + l + ",CONTROLLER://127.0.0.1:"
                        + controllerPort);
                props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort + "," + l);
                props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,"
                        + extra.protocol() + ":" + extra.protocol());
                props.putAll(extra.properties());
            }
            KafkaConfig config = new KafkaConfig(props, false);
            formatIfNew(config, dir);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                shutdownQuietly(server);
                throw e;
            }
            EmbeddedKafka kafka = new EmbeddedKafka(dir, temporary, clientPort, channel, lock, server);
            kafka.awaitAccepting(Duration.ofSeconds(30));
            return kafka;
        } catch (BackendStartException e) {
            release(channel, lock, temporary ? dir : null);
            throw e;
        } catch (Exception e) {
            release(channel, lock, temporary ? dir : null);
            throw new BackendStartException("the Kafka broker failed to start: " + ErrorText.rootMessage(e), e);
        }
    }

    private static Path prepareDataDir(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BackendStartException("the data folder " + dir + " cannot be created (" + e.getMessage()
                    + "); choose another --data-dir", e);
        }
        if (!Files.isDirectory(dir)) {
            throw new BackendStartException(dir + " is not a folder; choose another --data-dir");
        }
        if (!Files.isWritable(dir)) {
            throw new BackendStartException("the data folder " + dir + " is not writable; choose another --data-dir");
        }
        return dir;
    }

    private static Map<String, Object> brokerProperties(Path dir, int clientPort, int controllerPort) {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toString());
        p.put("metadata.log.dir", dir.resolve("metadata").toString());
        // A single node: every internal topic has one replica, so idempotence and transactions work.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "12");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        // Keep a desktop footprint: small buffers, few threads, a small dedupe buffer for the cleaner.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("log.cleaner.threads", "1");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        p.put("server.max.startup.time.ms", "60000");
        return p;
    }

    private static void formatIfNew(KafkaConfig config, Path dir) throws Exception {
        // A kept data folder keeps its cluster id: format only what has never been formatted.
        if (Files.exists(dir.resolve("metadata").resolve("meta.properties"))
                && Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setIgnoreFormatted(true)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(dir.resolve("metadata").toString());
        formatter.addDirectory(dir.resolve("logs").toString());
        formatter.addDirectory(dir.resolve("metadata").toString());
        formatter.run();
    }

    private void awaitAccepting(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (LocalPorts.accepts(port)) {
                return;
            }
            sleep(50);
        }
        throw new BackendStartException("the Kafka broker did not accept connections on port " + port
                + " within " + timeout.toSeconds() + " s");
    }

    /** Host and port for a client's bootstrap.servers. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker; removes the data folder when it was temporary. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownQuietly(server);
        release(lockChannel, lock, deleteOnClose ? dataDir : null);
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // shutting down after a failed start: nothing more to release
        }
    }

    private static void release(FileChannel channel, FileLock lock, Path deleteDir) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // the channel close below releases it too
        }
        Closeables.closeQuietly(channel);
        if (deleteDir != null) {
            deleteRecursively(deleteDir);
        }
    }

    /**
     * A port the system called free that can still be bound: another process may take it between the two, and a
     * port we chose ourselves is chosen again rather than reported as the user's to change.
     */
    private static int freeClientPort() {
        BackendStartException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int candidate = LocalPorts.free();
            try {
                ensurePortFree(candidate, "Kafka");
                return candidate;
            } catch (BackendStartException e) {
                last = e;
            }
        }
        throw last;
    }

    static void ensurePortFree(int port, String what) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new BackendStartException("port " + port + " on 127.0.0.1 is already in use; stop what holds it"
                    + " or choose another --" + what.toLowerCase() + "-port", e);
        }
    }


    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort for a temporary folder
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendStartException("interrupted while waiting for the Kafka broker", e);
        }
    }
}
