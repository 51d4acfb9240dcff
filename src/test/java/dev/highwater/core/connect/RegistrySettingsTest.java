package dev.highwater.core.connect;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The registry's credentials as Confluent's client properties give them, secrets by reference included. */
class RegistrySettingsTest {

    private static RegistrySettings basic(String userInfo) {
        return RegistrySettings.fromProperties(Map.of("basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", userInfo), "http://127.0.0.1:8081");
    }

    @Test
    void theUserIsWhatComesBeforeTheFirstColonUnlessTheValueStartsWithAReference() {
        RegistrySettings plain = basic("alice:pa:ss");
        assertEquals("alice", plain.username());
        assertEquals("pa:ss", plain.password().text());

        RegistrySettings passwordByReference = basic("alice:${env:REGISTRY_PASSWORD}");
        assertEquals("alice", passwordByReference.username());
        assertEquals("${env:REGISTRY_PASSWORD}", passwordByReference.password().text());

        // the reference's own colon is no separator: the file holds user:password, split once read
        for (String whole : new String[] {"${file:/etc/highwater/registry-user}", "${env:REGISTRY_USER_INFO}"}) {
            RegistrySettings s = basic(whole);
            assertEquals(RegistrySettings.Auth.BASIC, s.auth());
            assertEquals("", s.username(), whole);
            assertEquals(whole, s.password().text());
        }
    }

    @Test
    void userInfoWithoutAColonIsOneSentence() {
        ConnectionSettingsException e = assertThrows(ConnectionSettingsException.class, () -> basic("alice"));
        assertEquals("basic.auth.user.info should be user:password", e.getMessage());
    }
}
