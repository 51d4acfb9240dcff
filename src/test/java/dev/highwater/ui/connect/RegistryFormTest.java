package dev.highwater.ui.connect;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.RegistrySettings.Auth;
import dev.highwater.store.ProfileFile;
import dev.highwater.ui.UiThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "Schema registry" section of the profile form: its one-sentence problems, and what is saved. */
class RegistryFormTest {

    @TempDir
    Path dir;

    private ProfilesModel open(Path file) {
        ProfilesModel m = new ProfilesModel(new ProfileFile(file),
                ConnectionProfile.demo("127.0.0.1:9092", "127.0.0.1:50051", false), Runnable::run, UiThread.direct());
        m.newProfile();
        m.nameProperty().set("prod");
        m.bootstrapProperty().set("broker:9092");
        return m;
    }

    @Test
    void eachProblemIsOneSentence() {
        ProfilesModel m = open(dir.resolve("profiles.properties"));
        RegistryForm r = m.registry();
        assertNull(m.problemProperty().get(), "a profile without a registry is fine");

        r.authProperty().set(Auth.BASIC);
        assertEquals("Give the schema registry's URL, or clear its other settings.", m.problemProperty().get());
        r.urlsProperty().set("registry:8081");
        assertEquals("The schema registry URL 'registry:8081' should start with http:// or https:// and name a host.",
                m.problemProperty().get());
        r.urlsProperty().set("http://registry-a:8081, https://registry-b:8081/apis/ccompat/v7");
        assertEquals("Basic auth to the schema registry needs a user name.", m.problemProperty().get());
        r.usernameProperty().set("reader");
        assertEquals("Basic auth to the schema registry needs a password, or a reference such as ${env:REGISTRY_PASS}.",
                m.problemProperty().get());
        r.passwordProperty().set("${env:REGISTRY_PASS}");
        assertNull(m.problemProperty().get());

        r.authProperty().set(Auth.BEARER);
        assertEquals("Bearer auth to the schema registry needs a token, or a reference such as ${env:REGISTRY_TOKEN}.",
                m.problemProperty().get());
        r.tokenProperty().set("abc");
        assertNull(m.problemProperty().get());
    }

    @Test
    void theRegistryIsSavedWithTheProfileAndShownAgain() throws Exception {
        Path file = dir.resolve("profiles.properties");
        ProfilesModel m = open(file);
        RegistryForm r = m.registry();
        r.urlsProperty().set("http://registry-a:8081/, http://registry-b:8081");
        r.authProperty().set(Auth.BASIC);
        r.usernameProperty().set("reader");
        r.passwordProperty().set("typed-for-this-run");
        r.trustStoreProperty().set("/etc/highwater/trust.p12");
        r.trustStorePasswordProperty().set("${file:/etc/highwater/trust.pass}");
        ConnectionProfile saved = m.save();

        RegistrySettings s = saved.registry();
        assertEquals(List.of(URI.create("http://registry-a:8081"), URI.create("http://registry-b:8081")), s.urls());
        assertEquals("typed-for-this-run", s.password().text(), "kept while the app runs");
        assertFalse(Files.readString(file).contains("typed-for-this-run"), "but not written unless asked");

        ProfilesModel again = new ProfilesModel(new ProfileFile(file),
                ConnectionProfile.demo("127.0.0.1:9092", "127.0.0.1:50051", false), Runnable::run, UiThread.direct());
        again.select(again.profiles().get(1));
        RegistryForm shown = again.registry();
        assertEquals("http://registry-a:8081,http://registry-b:8081", shown.urlsProperty().get());
        assertEquals(Auth.BASIC, shown.authProperty().get());
        assertEquals("reader", shown.usernameProperty().get());
        assertEquals("", shown.passwordProperty().get(), "asked again");
        assertEquals("${file:/etc/highwater/trust.pass}", shown.trustStorePasswordProperty().get());

        again.rememberPasswordsProperty().set(true);
        shown.passwordProperty().set("typed-and-remembered");
        again.save();
        assertTrue(Files.readString(file).contains("typed-and-remembered"), "written when the user asked");

        shown.urlsProperty().set("");
        shown.authProperty().set(Auth.NONE);
        shown.trustStoreProperty().set("");
        assertEquals(RegistrySettings.NONE, again.save().registry(), "a cleared URL removes the registry");
    }
}
