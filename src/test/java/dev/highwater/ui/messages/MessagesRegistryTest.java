package dev.highwater.ui.messages;

import dev.highwater.bench.FramedTransactions;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.registry.SharedSchemaRegistry;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.demo.SchemaRegistryServer;
import dev.highwater.demo.TestRegistries;
import dev.highwater.kafka.TestBroker;
import dev.highwater.kafka.tail.KafkaTailSource;
import dev.highwater.registry.HttpSchemaRegistries;
import dev.highwater.ui.UiThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.highwater.ui.messages.MessagesModelTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Messages screen reading through the connection's schema registry (a real one): every record with the
 * schema version it was written with, shown on its row; and the connection's registry outlives the screen.
 */
class MessagesRegistryTest {

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @Test
    void eachRowIsReadWithItsOwnSchemaVersionAndSaysWhichThroughTheConnectionsRegistry() throws Exception {
        SchemaRegistryServer server = TestRegistries.open();
        String subject = TestRegistries.prefix("messages") + "tx-value";
        FramedTransactions.Ids ids = new FramedTransactions.Ids(
                server.register(subject, "PROTOBUF", FramedTransactions.PROTO_V1, List.of()),
                server.register(subject, "PROTOBUF", FramedTransactions.PROTO_V2, List.of()),
                server.register(subject, "PROTOBUF", FramedTransactions.PROTO_V3, List.of()),
                server.register(subject + "-avro", "AVRO", FramedTransactions.AVRO, List.of()));
        FramedTransactions.prepare(broker.bootstrapServers(), "framed", 12, ids);

        RegistrySettings settings = RegistrySettings.of(server.url());
        SharedSchemaRegistry connections = new SharedSchemaRegistry(
                () -> new HttpSchemaRegistries().open(settings, SecretResolver.system()), settings.urlsText());
        MessagesModel model = new MessagesModel(new KafkaTailSource(ClientSettings.of(broker.bootstrapServers())),
                null, null, null, SchemaCatalog.withBuiltIn(), connections.borrowed(), UiThread.direct(), false);
        try {
            model.start(TailForm.of("framed", MessagesModel.StartAt.BEGINNING));
            waitFor(() -> model.rows().size() == 12);
            List<String> labels = model.rows().stream().map(DecodedRecord::schemaLabel).sorted().toList();
            assertEquals(3, labels.stream().filter(l -> l.equals(subject + "-avro v1 (id " + ids.avro() + ")")).count(),
                    labels.toString());
            for (int version = 1; version <= 3; version++) {
                String label = subject + " v" + version + " (id " + (version == 1 ? ids.v1() : version == 2 ? ids.v2()
                        : ids.v3()) + ")";
                assertEquals(3, labels.stream().filter(label::equals).count(), label + " in " + labels);
            }
            assertTrue(model.rows().stream().noneMatch(DecodedRecord::poison));
        } finally {
            model.dispose();
        }
        // the screen borrowed the registry: closing it left the connection's open for the other screens
        assertEquals(List.of(1, 2, 3), connections.versions(subject));
        connections.close();
    }
}
