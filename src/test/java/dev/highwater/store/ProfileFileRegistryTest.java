package dev.highwater.store;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.GrpcTls;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.RegistrySettings.Auth;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A profile's schema registry in the real profiles file: what is written, what comes back. */
class ProfileFileRegistryTest {

    @TempDir
    Path data;

    private static ConnectionProfile with(String name, RegistrySettings registry) {
        return new ConnectionProfile(name, "broker:9092", KafkaSecurity.PLAINTEXT, Map.of(), "", GrpcTls.PLAINTEXT,
                registry, false, false);
    }

    @Test
    void theRegistryComesBackWithItsReferencesAndRememberedSecretsButNotTheSessionOnes() throws Exception {
        Path file = data.resolve("profiles.properties");
        RegistrySettings basic = new RegistrySettings(
                List.of(URI.create("https://registry-a:8081"), URI.create("https://registry-b:8081/apis/ccompat/v7")),
                Auth.BASIC, "reader", new Secret("${env:REGISTRY_PASS}", false), Secret.NONE,
                new KafkaSecurity.Store(Path.of("/etc/highwater/trust.p12"), "PKCS12", new Secret("trust-typed", true)),
                new KafkaSecurity.Store(Path.of("/etc/highwater/me.jks"), null, new Secret("key-for-this-run", false)),
                Secret.NONE, false);
        RegistrySettings bearer = new RegistrySettings(List.of(URI.create("http://registry:8081")), Auth.BEARER, "",
                Secret.NONE, new Secret("token-for-this-run", false), null, null, Secret.NONE, true);
        RegistrySettings remembered = new RegistrySettings(List.of(URI.create("http://registry:8081")), Auth.BASIC,
                "writer", new Secret("typed-and-remembered", true), Secret.NONE, null, null, Secret.NONE, true);
        ProfileFile store = new ProfileFile(file);
        store.save(List.of(with("Basic", basic), with("Bearer", bearer), with("Remembered", remembered),
                with("None", RegistrySettings.NONE)));

        String text = Files.readString(file);
        assertFalse(text.contains("token-for-this-run") || text.contains("key-for-this-run"),
                "a secret typed for this run only is not written");
        assertTrue(text.contains("REGISTRY_PASS") && text.contains("typed-and-remembered") && text.contains("trust-typed"));

        List<ConnectionProfile> back = new ProfileFile(file).load();
        assertEquals(4, back.size());
        assertEquals(new RegistrySettings(basic.urls(), Auth.BASIC, "reader", basic.password(), Secret.NONE,
                basic.trustStore(), new KafkaSecurity.Store(Path.of("/etc/highwater/me.jks"), "JKS", Secret.NONE),
                Secret.NONE, false), back.get(0).registry(),
                "URLs, auth, the reference, the stores (without the key store password of this run), host name checking");
        assertEquals(new RegistrySettings(bearer.urls(), Auth.BEARER, "", Secret.NONE, Secret.NONE, null, null,
                Secret.NONE, true), back.get(1).registry(), "the bearer token of this run is asked for again");
        assertEquals(remembered, back.get(2).registry());
        assertEquals(RegistrySettings.NONE, back.get(3).registry());
        assertEquals("JKS", back.get(0).registry().keyStore().type());
    }

    @Test
    void aRegistryUrlBrokenByHandIsOneSentenceNamingIt() throws Exception {
        Path file = data.resolve("profiles.properties");
        new ProfileFile(file).save(List.of(with("Basic", RegistrySettings.of("http://registry:8081"))));
        Files.writeString(file, Files.readString(file).replace("http\\://registry\\:8081", "ftp\\://registry"));
        StoreException e = assertThrows(StoreException.class, () -> new ProfileFile(file).load());
        assertTrue(e.getMessage().contains("'ftp://registry' should start with http:// or https://"), e.getMessage());
    }
}
