package dev.highwater.cli;

import dev.highwater.kafka.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code tail}'s output on a fixed topic is, byte for byte, the output kept from before JSON lines were written
 * straight from the records' bytes and printed on a thread of their own: in process (a writer) and from a JVM of
 * its own (the standard output's bytes).
 */
class TailGoldenTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        TailGoldenTopic.fill(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void jsonLinesAreWhatTheyWere() throws Exception {
        String expected = resource("tail-golden.jsonl");
        CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", TailGoldenTopic.TOPIC,
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(expected, r.out());
        ProcessRun p = ProcessRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", TailGoldenTopic.TOPIC,
                "--format", "json");
        assertEquals(0, p.exit(), p::toString);
        assertEquals(expected.lines().toList(), p.out());
    }

    @Test
    void textLinesAreWhatTheyWere() throws Exception {
        CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", TailGoldenTopic.TOPIC);
        assertEquals(0, r.exit(), r.err());
        assertEquals(resource("tail-golden.txt"), r.out());
    }

    @Test
    void aLimitStopsWhereItSaysInBothFormats() {
        for (String format : List.of("json", "text")) {
            CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic",
                    TailGoldenTopic.TOPIC, "--format", format, "--limit", "3");
            assertEquals(0, r.exit(), r.err());
            assertEquals(3, r.out().lines().count(), r.out());
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TailGoldenTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
