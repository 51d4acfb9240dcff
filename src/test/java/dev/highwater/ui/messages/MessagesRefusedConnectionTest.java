package dev.highwater.ui.messages;

import dev.highwater.kafka.tail.KafkaTailSource;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.LogLines;
import dev.highwater.kafka.TestBroker;
import dev.highwater.ui.UiThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Messages screen on a cluster that refuses the connection's settings (SASL against a listener without it,
 * which Kafka reports as an IllegalSaslStateException): its worker says why in the notice, once per attempt,
 * nothing escapes a thread uncaught, and a tail that failed stops instead of retrying.
 */
class MessagesRefusedConnectionTest {

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static ClientSettings saslAgainstPlaintext() {
        return new ClientSettings(broker.bootstrapServers(), Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-256", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
                        + " password=\"some-Pass-1234\";"));
    }

    @Test
    void theTopicListAndATailStartedByHandSayWhyInTheNoticeAndNothingIsUncaught() throws Exception {
        List<String> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(t.getName() + ": " + e));
        String why = "The listener at " + broker.bootstrapServers() + " does not use SASL";
        MessagesModel model = new MessagesModel(new KafkaTailSource(saslAgainstPlaintext()), null,
                SchemaCatalog.withBuiltIn(), UiThread.direct(), false);
        try (LogLines log = new LogLines()) {
            waitFor(() -> model.noticeProperty().get() != null);
            assertTrue(model.noticeProperty().get().startsWith(why), model.noticeProperty().get());

            model.start(TailForm.of("payments", MessagesModel.StartAt.END));
            waitFor(() -> model.noticeProperty().get() != null);
            assertTrue(model.noticeProperty().get().startsWith(why), model.noticeProperty().get());
            long failed = System.currentTimeMillis();
            Thread.sleep(4_000);
            assertEquals(List.of(), log.since("org.apache.kafka", failed + 500), "the failed tail retries nothing");
            assertEquals(List.of(), uncaught, "nothing escapes a thread");
        } finally {
            model.dispose();
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                fail("not within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
