package dev.highwater.demo;

import dev.highwater.core.registry.SchemaReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaRegistryServerTest {

    @Test
    void startsARealRegistryThatKeepsSchemasWithReferencesAndStops(@TempDir Path cache) throws Exception {
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryServer.Options.defaults(cache))) {
            // a cache of its own: the distribution is unpacked from the archive as on a first start
            int money = registry.register("money", "PROTOBUF",
                    "syntax = \"proto3\";\npackage demo;\nmessage Money { string amount = 1; }\n", List.of());
            int payment = registry.register("payments-value", "PROTOBUF", "syntax = \"proto3\";\npackage demo;\n"
                    + "import \"money.proto\";\nmessage Payment { string id = 1; demo.Money amount = 2; }\n",
                    List.of(new SchemaReference("money.proto", "money", 1)));
            assertTrue(payment != money);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(registry.url() + "/schemas/ids/" + payment)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("money.proto"), r.body());
            registry.close();
            assertFalse(registry.running());
        }
    }
}
