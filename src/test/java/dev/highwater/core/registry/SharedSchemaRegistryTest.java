package dev.highwater.core.registry;

import dev.highwater.core.connect.ConnectionSettingsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A connection's registry: opened once on first use, lent to screens, closed only by the connection. */
class SharedSchemaRegistryTest {

    /** A registry that counts how often it was opened and says whether it was closed. */
    private static final class Counted extends ForwardingSchemaRegistry {
        boolean closed;

        @Override
        protected SchemaRegistry delegate() {
            throw new UnsupportedOperationException();
        }

        @Override
        public RegisteredSchema schema(int id) {
            return new RegisteredSchema(id, SchemaType.AVRO, "\"string\"", List.of(), Map.of());
        }

        @Override
        public String where() {
            return "memory";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void itIsOpenedOnceOnFirstUseAndOnlyTheConnectionClosesIt() {
        AtomicInteger opened = new AtomicInteger();
        Counted inner = new Counted();
        SharedSchemaRegistry shared = new SharedSchemaRegistry(() -> {
            opened.incrementAndGet();
            return inner;
        }, "http://registry:8081");
        assertEquals(0, opened.get(), "nothing is opened before a screen asks");
        SchemaRegistry screen = shared.borrowed();
        assertEquals(7, screen.schema(7).id());
        assertEquals(8, shared.borrowed().schema(8).id());
        assertEquals(1, opened.get());
        screen.close();
        assertFalse(inner.closed, "a screen's close leaves the connection's registry open");
        shared.close();
        assertTrue(inner.closed);
        RegistryException after = assertThrows(RegistryException.class, () -> screen.schema(7));
        assertEquals("the connection to the schema registry at http://registry:8081 was closed", after.getMessage());
    }

    @Test
    void settingsThatKeepItFromOpeningAreOneSentenceOnEveryCallWithoutTryingAgain() {
        AtomicInteger opened = new AtomicInteger();
        SharedSchemaRegistry shared = new SharedSchemaRegistry(() -> {
            opened.incrementAndGet();
            throw new ConnectionSettingsException("The environment variable REGISTRY_TOKEN is not set.");
        }, "https://registry:8081");
        for (int i = 0; i < 2; i++) {
            RegistryException e = assertThrows(RegistryException.class, () -> shared.subjects());
            assertEquals(RegistryException.Kind.REFUSED, e.kind());
            assertEquals("the schema registry at https://registry:8081 cannot be used: The environment variable"
                    + " REGISTRY_TOKEN is not set.", e.getMessage());
        }
        assertEquals(1, opened.get());
    }
}
