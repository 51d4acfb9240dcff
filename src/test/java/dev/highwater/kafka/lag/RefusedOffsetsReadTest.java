package dev.highwater.kafka.lag;

import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.LogLines;
import dev.highwater.kafka.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster that refuses the settings, read once a second as the Partitions screen does: the reason is said in
 * every read, and the client library's error lines stop after the first refusal instead of coming every second
 * for as long as the screen stays open.
 */
class RefusedOffsetsReadTest {

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    /** SASL against the broker's plaintext listener: refused on every attempt, as a wrong password is. */
    static ClientSettings saslAgainstPlaintext(String bootstrap) {
        return new ClientSettings(bootstrap, Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-256", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
                        + " password=\"some-Pass-1234\";"));
    }

    @Test
    void afterARefusalTheReasonStandsAndTheClientStopsRetryingUntilItsBackoffIsOver() throws Exception {
        try (LogLines log = new LogLines();
             KafkaOffsetsSource source = new KafkaOffsetsSource(saslAgainstPlaintext(broker.bootstrapServers()),
                     Clock.systemUTC())) {
            OffsetsSnapshot first = source.read(Set.of("billing"));
            long afterFirst = System.currentTimeMillis();
            assertTrue(first.error().startsWith("The listener at " + broker.bootstrapServers() + " does not use SASL"),
                    first.error());
            for (int i = 0; i < 6; i++) {
                Thread.sleep(1_000);
                assertEquals(first.error(), source.read(Set.of("billing")).error());
            }
            List<String> later = log.since("org.apache.kafka", afterFirst + 100);
            assertEquals(List.of(), later, "no client log line after the first refusal");
        }
    }
}
