package dev.highwater.cli;

import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `highwater tail --from --to` against a real broker: a window of record time on all partitions or one, its
 * records exactly, a header filter inside it, and the window's usage errors.
 */
class TailWindowCommandTest {

    private static final Instant FROM = Instant.parse("2026-03-15T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-15T09:30:00Z");
    private static final Pattern COORDINATES = Pattern.compile("\"partition\":(\\d+),\"offset\":(\\d+)");

    private static EmbeddedKafka kafka;
    /** partition/offset of every record stamped inside the window, as the producer was told. */
    private static final Set<String> INSIDE = new TreeSet<>();

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                     kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic("window", 3, (short) 1))).all().get();
            // per partition, in time order: a group before the window, one inside it (its last record stamped at
            // the window's end instant itself), and one after it (the first a millisecond past the end)
            for (int partition = 0; partition < 3; partition++) {
                List<Instant> times = List.of(FROM.minusSeconds(3600), FROM.minusMillis(1),
                        FROM, FROM.plusSeconds(600 + partition), TO,
                        TO.plusMillis(1), TO.plusSeconds(3600));
                for (int i = 0; i < times.size(); i++) {
                    Instant t = times.get(i);
                    RecordHeaders h = new RecordHeaders();
                    h.add("trace-id", ("t-" + partition + "-" + i).getBytes(StandardCharsets.UTF_8));
                    var sent = p.send(new ProducerRecord<>("window", partition, t.toEpochMilli(),
                            ("k" + partition + "-" + i).getBytes(StandardCharsets.UTF_8),
                            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), h)).get();
                    if (!t.isBefore(FROM) && !t.isAfter(TO)) {
                        INSIDE.add(sent.partition() + "/" + sent.offset());
                    }
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static CommandRun tail(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("tail", "--bootstrap", kafka.bootstrapServers(),
                "--topic", "window", "--format", "json"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static Set<String> coordinates(String out) {
        Set<String> found = new TreeSet<>();
        Matcher m = COORDINATES.matcher(out);
        while (m.find()) {
            found.add(m.group(1) + "/" + m.group(2));
        }
        assertEquals(out.lines().count(), found.size(), "one record a line, none twice: " + out);
        return found;
    }

    @Test
    void aWindowReadsExactlyTheRecordsStampedInsideItOnEveryPartitionOrOne() {
        CommandRun all = tail("--from", FROM.toString(), "--to", TO.toString());
        assertEquals(0, all.exit(), all.err());
        assertEquals(9, INSIDE.size());
        assertEquals(INSIDE, coordinates(all.out()));

        CommandRun one = tail("--from", FROM.toString(), "--to", TO.toString(), "--partition", "1");
        assertEquals(0, one.exit(), one.err());
        assertEquals(Set.of("1/2", "1/3", "1/4"), coordinates(one.out()));
    }

    @Test
    void aHeaderFilterRunsOnTheRecordsOfTheWindow() {
        CommandRun r = tail("--from", FROM.toString(), "--to", TO.toString(), "--filter",
                "header[\"trace-id\"] == \"t-2-3\" || header[\"trace-id\"] == \"t-2-6\"");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Set.of("2/3"), coordinates(r.out()), "t-2-6 is after the window");
        assertTrue(r.out().contains("\"key\":\"k2-3\""), r.out());
    }

    @Test
    void aWindowThatFollowsOrEndsBeforeItStartsIsBadUsageInOneLine() {
        CommandRun follow = tail("--from", FROM.toString(), "--to", TO.toString(), "--follow");
        assertEquals(2, follow.exit(), follow.err());
        assertEquals("highwater: give --to or --follow, not both: a read that ends at an instant does not follow "
                + "new records", follow.err().strip());

        CommandRun backwards = tail("--from", TO.toString(), "--to", FROM.toString());
        assertEquals(2, backwards.exit(), backwards.err());
        assertEquals("highwater: --to 2026-03-15T09:00:00Z is before --from 2026-03-15T09:30:00Z; give the "
                + "window's start first", backwards.err().strip());

        CommandRun notAnInstant = tail("--to", "yesterday");
        assertEquals(2, notAnInstant.exit(), notAnInstant.err());
        assertEquals(1, notAnInstant.err().strip().lines().count(), notAnInstant.err());
        assertEquals("", notAnInstant.out());
    }
}
