package dev.highwater.core.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {

    private final SecretResolver secrets = new SecretResolver(Map.of("KAFKA_PASS", "s3cret-from-env")::get);

    @Test
    void referencesResolveFromTheEnvironmentAndFiles(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pass.txt"), "s3cret-from-file\n");
        assertEquals("s3cret-from-env", secrets.resolve(Secret.of("${env:KAFKA_PASS}"), "x"));
        assertEquals("s3cret-from-file", secrets.resolve(Secret.of("${file:" + file + "}"), "x"));
        assertEquals("typed", secrets.resolve(Secret.of("typed"), "x"));
        assertEquals("org.X required username=\"u\" password=\"s3cret-from-env\";",
                secrets.resolveIn("org.X required username=\"u\" password=\"${env:KAFKA_PASS}\";", "x"));
        ConnectionSettingsException e = assertThrows(ConnectionSettingsException.class,
                () -> secrets.resolve(Secret.of("${file:" + dir.resolve("none") + "}"), "the SASL password of profile p"));
        assertEquals("The file " + dir.resolve("none") + " does not exist (the SASL password of profile p refers to"
                + " it as ${file:" + dir.resolve("none") + "}).", e.getMessage());
    }

    @Test
    void aSecretNeverPrintsItsValueAndIsStoredOnlyWhenAsked() {
        assertEquals("Secret[hidden]", Secret.of("hunter2").toString());
        assertEquals("Secret[${env:KAFKA_PASS}]", Secret.of("${env:KAFKA_PASS}").toString());
        assertTrue(Secret.of("${env:KAFKA_PASS}").storable(), "a reference holds no secret");
        assertFalse(Secret.of("hunter2").storable(), "a typed value is for the running app only");
        assertTrue(new Secret("hunter2", true).storable(), "unless the user asks");
        KafkaSecurity security = new KafkaSecurity(KafkaSecurity.Protocol.SASL_SSL, KafkaSecurity.Mechanism.SCRAM_SHA_512,
                "alice", Secret.of("hunter2"), null, null);
        assertFalse(security.toString().contains("hunter2"));
        ConnectionProfile p = new ConnectionProfile("prod", "b:9092", security, Map.of(), "", null, null, false, false);
        Map<String, String> props = p.kafkaProperties(secrets);
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
                + " password=\"hunter2\";", props.get("sasl.jaas.config"));
        assertEquals(Redaction.HIDDEN, Redaction.redacted(props).get("sasl.jaas.config"));
        assertEquals("failed for [hidden]", Redaction.scrub("failed for hunter2", java.util.List.of("hunter2")));
    }
}
