package dev.highwater.kafka;

import dev.highwater.core.connect.ClientSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real broker for one test class, started before the class's own {@code @BeforeAll} methods and closed after
 * its tests: {@code @RegisterExtension static final TestBroker broker = new TestBroker();}.
 */
public final class TestBroker implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafka kafka;
    private ClientSettings client;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.start(0, null); // a temporary data folder, removed at close
        client = ClientSettings.of(kafka.bootstrapServers());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        kafka.close();
    }

    public ClientSettings client() {
        return client;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
