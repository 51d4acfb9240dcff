package dev.highwater.registry;

import com.sun.net.httpserver.HttpServer;
import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.demo.SchemaRegistryServer;
import dev.highwater.demo.TestRegistries;
import dev.highwater.net.LocalPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credentials, failover and a registry that goes away, against real registries and a real HTTP server. */
class HttpSchemaRegistryConnectionTest {

    private static final SecretResolver NO_ENV = new SecretResolver(name -> null);

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static RegistrySettings basic(String urls, String user, String password) {
        return new RegistrySettings(RegistrySettings.parseUrls(urls), RegistrySettings.Auth.BASIC, user,
                Secret.of(password), Secret.NONE, null, null, Secret.NONE, true);
    }

    private static RegistrySettings bearer(String urls, String token) {
        return new RegistrySettings(RegistrySettings.parseUrls(urls), RegistrySettings.Auth.BEARER, "", Secret.NONE,
                Secret.of(token), null, null, Secret.NONE, true);
    }

    @Test
    void basicAuthRightIsAnsweredAndWrongIsRefusedWithoutShowingThePassword() {
        SchemaRegistryServer secured = TestRegistries.withBasicAuth();
        String p = TestRegistries.prefix("basic");
        int id = secured.register(p + "value", "AVRO", HttpSchemaRegistryTest.AVRO, List.of());
        try (SchemaRegistry right = new HttpSchemaRegistry(basic(secured.url(), TestRegistries.USER,
                TestRegistries.PASSWORD), NO_ENV)) {
            assertEquals(HttpSchemaRegistryTest.AVRO, right.schema(id).text());
        }
        // the whole user:password behind one reference, as basic.auth.user.info=${env:…} gives it
        SecretResolver env = new SecretResolver(Map.of("SR_USER_INFO",
                TestRegistries.USER + ":" + TestRegistries.PASSWORD)::get);
        try (SchemaRegistry whole = new HttpSchemaRegistry(basic(secured.url(), "", "${env:SR_USER_INFO}"), env)) {
            assertTrue(whole.subjects().contains(p + "value"));
        }
        try (SchemaRegistry wrong = new HttpSchemaRegistry(basic(secured.url(), TestRegistries.USER,
                "not-the-password"), NO_ENV)) {
            RegistryException e = assertThrows(RegistryException.class, () -> wrong.schema(id));
            assertEquals(RegistryException.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains(secured.url()) && e.getMessage().contains("basic.auth.user.info"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        }
        try (SchemaRegistry none = new HttpSchemaRegistry(RegistrySettings.of(secured.url()), NO_ENV)) {
            assertEquals(RegistryException.Kind.REFUSED,
                    assertThrows(RegistryException.class, none::subjects).kind());
        }
    }

    @Test
    void aSecretReferenceThatDoesNotResolveIsASettingsErrorAtOpen() {
        ConnectionSettingsException e = assertThrows(ConnectionSettingsException.class,
                () -> new HttpSchemaRegistry(bearer("http://127.0.0.1:1", "${env:NO_SUCH_TOKEN}"), NO_ENV));
        assertTrue(e.getMessage().contains("NO_SUCH_TOKEN"), e.getMessage());
        assertThrows(ConnectionSettingsException.class,
                () -> new HttpSchemaRegistry(basic("http://127.0.0.1:1", "", "no-colon-here"), NO_ENV));
    }

    @Test
    void aBearerTokenIsSentUpFront() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/schemas/ids/1", exchange -> {
            boolean right = "Bearer tok-123".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (right ? "{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}"
                    : "{\"error_code\":401,\"message\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(right ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        SecretResolver env = new SecretResolver(Map.of("SR_TOKEN", "tok-123")::get);
        try (SchemaRegistry right = new HttpSchemaRegistry(bearer(url, "${env:SR_TOKEN}"), env)) {
            assertEquals("{\"type\":\"string\"}", right.schema(1).text());
        }
        try (SchemaRegistry wrong = new HttpSchemaRegistry(bearer(url, "tok-999"), NO_ENV)) {
            RegistryException e = assertThrows(RegistryException.class, () -> wrong.schema(1));
            assertEquals(RegistryException.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains("bearer.auth.token"), e.getMessage());
            assertFalse(e.getMessage().contains("tok-999"), e.getMessage());
        }
    }

    @Test
    void anAnswerThatIsNotTheRegistrysJsonIsABadAnswer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<html>a web page</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try (SchemaRegistry registry = new HttpSchemaRegistry(RegistrySettings.of(url), NO_ENV)) {
            RegistryException e = assertThrows(RegistryException.class, () -> registry.schema(3));
            assertEquals(RegistryException.Kind.BAD_ANSWER, e.kind());
            assertTrue(e.getMessage().contains(url), e.getMessage());
            assertEquals(RegistryException.Kind.BAD_ANSWER,
                    assertThrows(RegistryException.class, registry::subjects).kind());
        }
    }

    @Test
    void aUrlNobodyListensOnIsPassedOverForTheNext() {
        SchemaRegistryServer real = TestRegistries.open();
        int id = real.register(TestRegistries.prefix("failover") + "value", "AVRO", HttpSchemaRegistryTest.AVRO,
                List.of());
        String dead = "http://127.0.0.1:" + LocalPorts.free();
        try (SchemaRegistry registry = new HttpSchemaRegistry(RegistrySettings.of(dead + "," + real.url()), NO_ENV)) {
            assertEquals(HttpSchemaRegistryTest.AVRO, registry.schema(id).text());
            assertEquals(dead + ", " + real.url(), registry.where());
        }
        try (SchemaRegistry registry = new HttpSchemaRegistry(RegistrySettings.of(dead), NO_ENV)) {
            RegistryException e = assertThrows(RegistryException.class, () -> registry.schema(id));
            assertEquals(RegistryException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().contains(dead), e.getMessage());
        }
    }

    @Test
    void aUrlAnswering5xxIsPassedOverAndTheOneThatAnsweredIsAskedFirstNextTime() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            asked.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        SchemaRegistryServer real = TestRegistries.open();
        int id = real.register(TestRegistries.prefix("failover5xx") + "value", "AVRO", HttpSchemaRegistryTest.AVRO,
                List.of());
        String failing = "http://127.0.0.1:" + server.getAddress().getPort();
        try (SchemaRegistry registry = new HttpSchemaRegistry(RegistrySettings.of(failing + "," + real.url()),
                NO_ENV)) {
            assertEquals(HttpSchemaRegistryTest.AVRO, registry.schema(id).text());
            assertEquals(1, asked.get());
            assertFalse(registry.subjects().isEmpty());
            assertEquals(1, asked.get(), "the registry that answered is asked first");
        }
    }

    @Test
    void aRegistryThatStopsIsUnreachableWhileTheCacheStillAnswersTheIdsItHad() {
        SchemaRegistryServer own = TestRegistries.own();
        int seen;
        int unseen;
        try {
            seen = own.register("seen-value", "AVRO", HttpSchemaRegistryTest.AVRO, List.of());
            unseen = own.register("unseen-value", "PROTOBUF", HttpSchemaRegistryTest.PROTO, List.of());
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
        try (SchemaRegistry registry = new HttpSchemaRegistries().open(RegistrySettings.of(own.url()), NO_ENV)) {
            assertEquals(HttpSchemaRegistryTest.AVRO, registry.schema(seen).text());
            own.close();
            RegistryException e = assertThrows(RegistryException.class, () -> registry.schema(unseen));
            assertEquals(RegistryException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().contains(own.url()), e.getMessage());
            assertEquals(RegistryException.Kind.UNREACHABLE,
                    assertThrows(RegistryException.class, registry::subjects).kind());
            assertEquals(HttpSchemaRegistryTest.AVRO, registry.schema(seen).text());
        } finally {
            own.close();
        }
    }
}
