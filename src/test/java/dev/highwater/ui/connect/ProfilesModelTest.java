package dev.highwater.ui.connect;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.store.ProfileFile;
import dev.highwater.ui.UiThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesModelTest {

    @TempDir
    Path dir;

    private ProfilesModel open(Path file) {
        return new ProfilesModel(new ProfileFile(file), ConnectionProfile.demo("127.0.0.1:9092", "127.0.0.1:50051", false),
                Runnable::run, UiThread.direct());
    }

    @Test
    void theDemoIsAlwaysThereReadOnlyAndCannotBeDeleted() {
        ProfilesModel m = open(dir.resolve("profiles.properties"));
        assertEquals(1, m.profiles().size());
        assertTrue(m.demoSelectedProperty().get());
        assertFalse(m.writableProperty().get(), "every profile starts read-only");
        m.delete();
        assertEquals(1, m.profiles().size());
        m.writableProperty().set(true);
        assertTrue(m.formProfile().writable() && m.formProfile().demo());
    }

    @Test
    void savedProfilesComeBackWithoutPasswordsTypedForThisRunOnly() throws Exception {
        Path file = dir.resolve("profiles.properties");
        ProfilesModel m = open(file);
        m.newProfile();
        assertFalse(m.writableProperty().get(), "a new profile is read-only");
        m.nameProperty().set("prod");
        m.bootstrapProperty().set("broker1:9093, broker2:9093");
        m.protocolProperty().set(KafkaSecurity.Protocol.SASL_SSL);
        assertEquals("SASL needs a user name.", m.problemProperty().get());
        m.usernameProperty().set("alice");
        m.passwordProperty().set("typed-Secret-77");
        m.trustStoreProperty().set("/etc/kafka/ca.pem");
        m.clientPropertiesProperty().set("client.dns.lookup=use_all_dns_ips\nbad line");
        assertEquals("Client properties, line 2: write key=value.", m.problemProperty().get());
        m.clientPropertiesProperty().set("client.dns.lookup=use_all_dns_ips\n# a comment\n");
        assertNull(m.problemProperty().get());
        ConnectionProfile saved = m.save();
        assertEquals("broker1:9093,broker2:9093", saved.bootstrap());
        assertEquals("typed-Secret-77", saved.security().password().text(), "kept while the app runs");

        String stored = Files.readString(file);
        assertFalse(stored.contains("typed-Secret-77"), "a typed password is not written unless asked");
        assertTrue(stored.contains("alice"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        ProfilesModel again = open(file);
        assertEquals(2, again.profiles().size());
        ConnectionProfile back = again.profiles().get(1);
        assertEquals("prod", back.name());
        assertEquals(KafkaSecurity.Protocol.SASL_SSL, back.security().protocol());
        assertEquals("", back.security().password().text());
        assertEquals("use_all_dns_ips", back.clientProperties().get("client.dns.lookup"));
        assertEquals(Path.of("/etc/kafka/ca.pem"), back.security().trustStore().file());
        assertEquals("PEM", back.security().trustStore().type());

        again.select(back);
        again.passwordProperty().set("${env:KAFKA_PASS}");
        again.save();
        assertTrue(Files.readString(file).contains("${env\\:KAFKA_PASS}"), "a reference is kept: it holds no secret");
        again.passwordProperty().set("remembered-Secret-88");
        again.rememberPasswordsProperty().set(true);
        again.save();
        assertTrue(Files.readString(file).contains("remembered-Secret-88"), "stored when the user asks");
    }

    @Test
    void namesAreUnique() {
        ProfilesModel m = open(dir.resolve("p.properties"));
        m.newProfile();
        m.nameProperty().set("Embedded demo");
        m.bootstrapProperty().set("a:1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, m::save);
        assertEquals("A profile named Embedded demo exists already; choose another name.", e.getMessage());
    }

    @Test
    void anUnreadableProfilesFileIsSaidAndTheDemoStillWorks() throws Exception {
        Path file = Files.writeString(dir.resolve("p.properties"), "profile.0.name=\\u12");
        ProfilesModel m = open(file);
        assertTrue(m.storeProblemProperty().get().startsWith("The profiles file " + file + " cannot be read"),
                m.storeProblemProperty().get());
        assertEquals(1, m.profiles().size());
    }
}
