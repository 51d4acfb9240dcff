package dev.highwater.cli;

import dev.highwater.core.ledger.LedgerEvent;
import dev.highwater.core.ledger.LedgerEventCodec;
import dev.highwater.kafka.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `audit --snapshots` against a real broker and real files: the file used is said, a folder means the file
 * inside it, a damaged or shortened file is set aside and the answer is still the full replay's, and every file
 * is readable by its owner only.
 */
class AuditSnapshotsFileTest {

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static final String TOPIC = "snap-ledger";
    private static final long T0 = 1_710_492_000_000L;
    private static final int EVENTS = 24_000; // enough for the replay to cut a snapshot at its end
    private static final String AT = "2024-03-15T12:00:00Z"; // after every event

    /** The answer of a replay without snapshots, the one every snapshot-assisted answer must equal. */
    private static String fullReplay;

    @TempDir
    Path dir;

    @BeforeAll
    static void ledger() throws Exception {
        try (Admin admin = Admin.create(broker.client().admin("audit-snapshots-test"))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1).configs(Map.of("retention.ms", "-1")))).all().get(20, TimeUnit.SECONDS);
        }
        Random r = new Random(5);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "linger.ms", "20"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                LedgerEvent e = new LedgerEvent("ev-" + i, "acct-" + r.nextInt(40), r.nextBoolean()
                        ? LedgerEvent.Type.ACCOUNT_CREDITED : LedgerEvent.Type.ACCOUNT_DEBITED,
                        BigDecimal.valueOf(r.nextInt(1_000_000), 2), "ref " + i, T0 + i * 100L);
                byte[] value = i % 4 == 0 ? LedgerEventCodec.toJson(e) : LedgerEventCodec.toProtobuf(e);
                p.send(new ProducerRecord<>(TOPIC, e.accountId().getBytes(StandardCharsets.UTF_8), value));
                if (i % 50 == 49) { // a redelivery, much later
                    p.send(new ProducerRecord<>(TOPIC, e.accountId().getBytes(StandardCharsets.UTF_8), value));
                }
            }
        }
        CommandRun full = audit();
        assertEquals(0, full.exit(), full.err());
        fullReplay = full.out();
    }

    private static CommandRun audit(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("audit", "--bootstrap", broker.bootstrapServers(),
                "--topic", TOPIC, "--at", AT, "--format", "json"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    /** Runs the audit with snapshots in {@code file}: the same answer as the full replay, and a file left. */
    private static CommandRun auditWithSnapshots(Path file) {
        CommandRun r = audit("--snapshots", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(fullReplay, r.out(), r.err());
        return r;
    }

    /**
     * 64 KB of random bytes over the saved state, the part of the file the next audit must read (the middle of
     * an H2 file can be space it no longer uses, which no read touches and nothing needs to repair).
     */
    @Test
    void randomBytesOverTheSavedStateSetTheFileAsideAndTheAnswerIsTheFullReplays() throws Exception {
        Path file = dir.resolve("snaps.mv.db");
        auditWithSnapshots(file);
        writeRandomBytes(file, offsetOf(file, STATE_MAGIC));
        CommandRun again = auditWithSnapshots(file);
        assertSetAside(again.err());
        assertEquals(1, aside().size(), "the damaged file is kept: " + files());
        CommandRun third = auditWithSnapshots(file);
        assertFalse(third.err().contains("kept as"), "the new file is whole: " + third.err());
    }

    /** How a saved ledger state begins ("HWLS", format 2); H2 keeps the bytes of a large value as they are. */
    private static final byte[] STATE_MAGIC = {'H', 'W', 'L', 'S', 0, 0, 0, 2};

    private static long offsetOf(Path file, byte[] bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        outer:
        for (int i = 0; i + bytes.length <= all.length; i++) {
            for (int j = 0; j < bytes.length; j++) {
                if (all[i + j] != bytes[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no saved state in " + file);
    }

    private static void writeRandomBytes(Path file, long at) throws IOException {
        byte[] junk = new byte[64 * 1024];
        new Random(at).nextBytes(junk);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(junk), at);
        }
    }

    @Test
    void aFileCutToHalfItsSizeIsSetAsideAndSaid() throws Exception {
        Path file = dir.resolve("snaps.mv.db");
        auditWithSnapshots(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        assertSetAside(auditWithSnapshots(file).err());
        assertEquals(1, aside().size(), files().toString());
    }

    private static void assertSetAside(String err) {
        assertTrue(err.contains("kept as") && err.contains("a new one was started"), err);
        assertEquals(1, err.lines().filter(l -> l.contains("kept as")).count(), "said once: " + err);
    }

    @Test
    void aFolderMeansTheSnapshotsFileInsideItAndTheFileUsedIsSaid() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("snapshots"));
        CommandRun r = auditWithSnapshots(folder);
        Path inside = folder.resolve("ledger-snapshots.mv.db");
        assertTrue(Files.isRegularFile(inside), files().toString());
        assertFalse(Files.exists(dir.resolve("snapshots.mv.db")), "nothing is written beside the folder");
        assertEquals(List.of("highwater: snapshots in " + inside.toAbsolutePath()), r.err().lines().toList());
        assertFalse(r.out().contains("snapshots in"), "stdout holds the JSON only");
    }

    @Test
    void aPathWithOrWithoutTheH2EndingIsTheSameFile() {
        Path base = dir.resolve("ledger");
        Path file = dir.resolve("ledger.mv.db");
        CommandRun first = auditWithSnapshots(base);
        assertEquals(List.of("highwater: snapshots in " + file.toAbsolutePath()), first.err().lines().toList());
        CommandRun second = CommandRun.of("audit", "--bootstrap", broker.bootstrapServers(), "--topic", TOPIC,
                "--at", AT, "--snapshots", file.toString());
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("after starting from a snapshot"), second.out());
        assertEquals(List.of("highwater: snapshots in " + file.toAbsolutePath()), second.err().lines().toList());
    }

    @Test
    void aMissingFolderIsCreatedOwnerOnlyAndSaid() throws Exception {
        Path file = dir.resolve("new").resolve("deeper").resolve("audit.mv.db");
        CommandRun r = auditWithSnapshots(file);
        assertEquals(List.of("highwater: snapshots in " + file.toAbsolutePath() + " (created the folder "
                + dir.resolve("new").toAbsolutePath() + ")"), r.err().lines().toList());
        assertEquals("rwx------", permissions(dir.resolve("new")));
        assertEquals("rwx------", permissions(dir.resolve("new").resolve("deeper")));
        assertEquals("rw-------", permissions(file));
    }

    @Test
    void theSnapshotsFileAndTheOneSetAsideAreReadableByTheirOwnerOnly() throws Exception {
        Path file = dir.resolve("owner.mv.db");
        auditWithSnapshots(file);
        Files.writeString(file, "not a database ".repeat(300)); // an unreadable file: set aside, a new one made
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertSetAside(auditWithSnapshots(file).err());
        List<Path> all = files();
        assertTrue(all.size() >= 2, all.toString());
        for (Path p : all) {
            assertEquals("rw-------", permissions(p), p.toString());
        }
    }

    private List<Path> aside() throws IOException {
        return files().stream().filter(p -> p.getFileName().toString().contains("unreadable")
                || p.getFileName().toString().contains("damaged")).toList();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
