package dev.highwater.registry;

import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaReference;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.core.registry.SubjectVersion;
import dev.highwater.demo.SchemaRegistryServer;
import dev.highwater.demo.TestRegistries;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter against a real schema registry (Apicurio's Confluent-compatible API on loopback). */
class HttpSchemaRegistryTest {

    private static final SecretResolver NO_ENV = new SecretResolver(name -> null);

    static final String AVRO = """
            {"type":"record","name":"Payment","namespace":"demo","fields":[{"name":"id","type":"string"}]}""";
    static final String PROTO = "syntax = \"proto3\";\npackage demo;\nmessage Payment { string id = 1; }\n";
    static final String JSON = """
            {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"id":{"type":"string"}}}""";

    private static SchemaRegistry open(SchemaRegistryServer server) {
        return new HttpSchemaRegistry(RegistrySettings.of(server.url()), NO_ENV);
    }

    @Test
    void readsASchemaByIdOfEachKind() {
        SchemaRegistryServer server = TestRegistries.open();
        String p = TestRegistries.prefix("byId");
        int avro = server.register(p + "avro-value", "AVRO", AVRO, List.of());
        int proto = server.register(p + "proto-value", "PROTOBUF", PROTO, List.of());
        int json = server.register(p + "json-value", "JSON", JSON, List.of());
        try (SchemaRegistry registry = open(server)) {
            RegisteredSchema a = registry.schema(avro);
            assertEquals(SchemaType.AVRO, a.type());
            assertTrue(a.text().contains("Payment"), a.text());
            assertEquals(List.of(), a.references());
            assertEquals(Map.of(), a.referenced());
            assertEquals(SchemaType.PROTOBUF, registry.schema(proto).type());
            assertTrue(registry.schema(proto).text().contains("message Payment"));
            assertEquals(SchemaType.JSON, registry.schema(json).type());
            assertTrue(registry.schema(json).text().contains("properties"));
            assertEquals(server.url(), registry.where());
        }
    }

    @Test
    void resolvesReferencesTwoLevelsDeepDependenciesFirst() {
        SchemaRegistryServer server = TestRegistries.open();
        String p = TestRegistries.prefix("refs");
        String currency = "syntax = \"proto3\";\npackage demo;\nmessage Currency { string code = 1; }\n";
        String money = "syntax = \"proto3\";\npackage demo;\nimport \"demo/currency.proto\";\n"
                + "message Money { string amount = 1; demo.Currency currency = 2; }\n";
        String payment = "syntax = \"proto3\";\npackage demo;\nimport \"demo/money.proto\";\n"
                + "import \"demo/currency.proto\";\n"
                + "message Payment { string id = 1; demo.Money amount = 2; demo.Currency fee_currency = 3; }\n";
        server.register(p + "currency", "PROTOBUF", currency, List.of());
        server.register(p + "money", "PROTOBUF", money,
                List.of(new SchemaReference("demo/currency.proto", p + "currency", 1)));
        List<SchemaReference> refs = List.of(new SchemaReference("demo/money.proto", p + "money", 1),
                new SchemaReference("demo/currency.proto", p + "currency", 1));
        int id = server.register(p + "payments-value", "PROTOBUF", payment, refs);
        try (SchemaRegistry registry = open(server)) {
            RegisteredSchema s = registry.schema(id);
            assertEquals(refs, s.references());
            // currency once, before money, which imports it
            assertEquals(List.of("demo/currency.proto", "demo/money.proto"), List.copyOf(s.referenced().keySet()));
            assertEquals(currency, s.referenced().get("demo/currency.proto"));
            assertEquals(money, s.referenced().get("demo/money.proto"));
            assertEquals(payment, s.text());
        }
    }

    @Test
    void listsSubjectsVersionsTheLatestAndWhereAnIdIsUsed() {
        SchemaRegistryServer server = TestRegistries.open();
        String p = TestRegistries.prefix("subjects");
        String v1 = "syntax = \"proto3\";\npackage demo;\nmessage Order { string id = 1; }\n";
        String v2 = "syntax = \"proto3\";\npackage demo;\nmessage Order { string id = 1; string note = 2; }\n";
        int id1 = server.register(p + "b-orders", "PROTOBUF", v1, List.of());
        int id2 = server.register(p + "b-orders", "PROTOBUF", v2, List.of());
        int other = server.register(p + "a-other", "PROTOBUF", v1, List.of());
        try (SchemaRegistry registry = open(server)) {
            List<String> mine = registry.subjects().stream().filter(s -> s.startsWith(p)).toList();
            assertEquals(List.of(p + "a-other", p + "b-orders"), mine);
            assertEquals(List.of(1, 2), registry.versions(p + "b-orders"));
            assertEquals(new SubjectVersion(p + "b-orders", 2, id2), registry.version(p + "b-orders", 0));
            assertEquals(new SubjectVersion(p + "b-orders", 1, id1), registry.version(p + "b-orders", 1));
            List<SubjectVersion> usages = registry.usages(id1);
            assertTrue(usages.contains(new SubjectVersion(p + "b-orders", 1, id1)), usages.toString());
            if (other == id1) {
                // a registry that shares one id between subjects with the same schema says so here
                assertTrue(usages.contains(new SubjectVersion(p + "a-other", 1, id1)), usages.toString());
            }
        }
    }

    @Test
    void tellsTheCompatibilityLevelOfASubjectAndTheGlobalOne() {
        SchemaRegistryServer server = TestRegistries.open();
        String p = TestRegistries.prefix("compat");
        server.register(p + "plain", "AVRO", AVRO, List.of());
        server.register(p + "relaxed", "AVRO", AVRO, List.of());
        server.compatibility(p + "relaxed", "NONE");
        try (SchemaRegistry registry = open(server)) {
            assertEquals("BACKWARD", registry.compatibility(p + "plain"));
            assertEquals("NONE", registry.compatibility(p + "relaxed"));
        }
    }

    @Test
    void anUnknownIdAndAnUnknownSubjectAreTheirKindsInOneSentence() {
        SchemaRegistryServer server = TestRegistries.open();
        try (SchemaRegistry registry = open(server)) {
            RegistryException id = assertThrows(RegistryException.class, () -> registry.schema(987_654));
            assertEquals(RegistryException.Kind.UNKNOWN_ID, id.kind());
            assertEquals("the schema registry at " + server.url() + " does not know schema id 987654",
                    id.getMessage());
            String missing = TestRegistries.prefix("missing") + "nothing";
            RegistryException subject = assertThrows(RegistryException.class, () -> registry.versions(missing));
            assertEquals(RegistryException.Kind.UNKNOWN_SUBJECT, subject.kind());
            assertTrue(subject.getMessage().contains(missing), subject.getMessage());
            assertEquals(RegistryException.Kind.UNKNOWN_SUBJECT,
                    assertThrows(RegistryException.class, () -> registry.version(missing, 0)).kind());
        }
    }
}
