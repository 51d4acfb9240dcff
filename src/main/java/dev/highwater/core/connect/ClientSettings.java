package dev.highwater.core.connect;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How to reach a cluster: bootstrap servers plus the user's client properties (security and the like, from
 * {@code --config FILE}). Every client Highwater makes for monitoring starts from here, read-only by
 * construction: no group id, no auto-commit. Values may hold secret references ({@code ${env:NAME}},
 * {@code ${file:PATH}}), resolved when the settings are made; {@link #toString()} never shows a secret.
 */
public record ClientSettings(String bootstrapServers, Map<String, String> properties) {

    public ClientSettings {
        properties = Map.copyOf(properties);
    }

    public static ClientSettings of(String bootstrapServers) {
        return new ClientSettings(bootstrapServers, Map.of());
    }

    /** Reads Kafka client properties from a file; a missing or unreadable file is one clear sentence. */
    public static ClientSettings of(String bootstrapServers, Path configFile) {
        if (configFile == null) {
            return of(bootstrapServers);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(configFile)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the client properties file " + configFile + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the client properties file " + configFile + ": "
                    + e.getMessage());
        }
        Map<String, String> map = new HashMap<>();
        SecretResolver secrets = SecretResolver.system();
        p.stringPropertyNames().forEach(k -> map.put(k, secrets.resolveIn(p.getProperty(k),
                "the property " + k + " in " + configFile)));
        for (String kind : new String[] {"truststore", "keystore"}) {
            requireStoreFile(map, kind, configFile);
        }
        return new ClientSettings(bootstrapServers, map);
    }

    /**
     * A store file the properties name must be there before a client is made: Kafka would say only "Failed to
     * create new KafkaAdminClient" or "Failed to construct kafka consumer" about it.
     */
    private static void requireStoreFile(Map<String, String> properties, String kind, Path configFile) {
        String location = properties.get("ssl." + kind + ".location");
        if (location == null || location.isBlank()) {
            return;
        }
        Path file = Path.of(location.strip());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the " + kind + " file " + location.strip() + " (ssl." + kind
                    + ".location in " + configFile + ") does not exist: check the path");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("the " + kind + " file " + location.strip() + " (ssl." + kind
                    + ".location in " + configFile + ") cannot be read: check its permissions");
        }
    }

    /** A profile's bootstrap servers and client properties, its secret references resolved now. */
    public static ClientSettings of(ConnectionProfile profile, SecretResolver secrets) {
        return new ClientSettings(profile.bootstrap(), profile.kafkaProperties(secrets));
    }

    /** The secret values in these settings, to scrub from any message that might repeat them. */
    public java.util.List<String> secretValues() {
        return properties.entrySet().stream().filter(e -> Redaction.isSecretProperty(e.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    @Override
    public String toString() {
        return "ClientSettings[" + bootstrapServers + ", " + Redaction.redacted(properties) + "]";
    }

    /** Properties for an Admin client, with a request timeout short enough to report a dead broker quickly. */
    public Map<String, Object> admin(String clientId) {
        Map<String, Object> m = base(clientId);
        m.putIfAbsent("request.timeout.ms", 5_000);
        m.putIfAbsent("default.api.timeout.ms", 10_000);
        return m;
    }

    /** Properties for a group-less consumer: it assigns partitions itself and never commits. */
    public Map<String, Object> groupLessConsumer(String clientId) {
        Map<String, Object> m = base(clientId);
        m.remove("group.id");
        m.remove("group.instance.id");
        m.put("enable.auto.commit", false);
        m.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        m.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return m;
    }

    private Map<String, Object> base(String clientId) {
        Map<String, Object> m = new HashMap<>(properties);
        m.put("bootstrap.servers", bootstrapServers);
        m.put("client.id", clientId);
        // reconnect attempts back off quickly up to a second, so a restarted broker is found again soon
        m.putIfAbsent("reconnect.backoff.max.ms", 1_000);
        return m;
    }
}
