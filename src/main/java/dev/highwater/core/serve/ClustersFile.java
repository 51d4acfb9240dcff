package dev.highwater.core.serve;

import dev.highwater.core.connect.BootstrapList;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.SecretResolver;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The clusters a lag service watches, from a properties file: each key is {@code NAME.bootstrap} (required),
 * {@code NAME.config} (optional: a Kafka client properties file, as {@code --config} takes) or
 * {@code NAME.PROPERTY} (a Kafka client property of that cluster, over the file's). Values may hold secret
 * references, {@code ${env:NAME}} or {@code ${file:PATH}}, resolved when the file is read:
 * <pre>
 * prod.bootstrap=kafka-1.prod:9092,kafka-2.prod:9092
 * prod.security.protocol=SASL_SSL
 * prod.sasl.mechanism=SCRAM-SHA-512
 * prod.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="lag" password="${env:PROD_KAFKA_PASSWORD}";
 * staging.bootstrap=kafka.staging:9092
 * staging.config=/etc/highwater/staging.properties
 * </pre>
 * A name is letters, digits, {@code -} and {@code _}; it labels the cluster's series. Clusters come in the
 * order of their names.
 */
public final class ClustersFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String BOOTSTRAP = "bootstrap";
    private static final String CONFIG = "config";

    private ClustersFile() {
    }

    /**
     * The clusters the file names.
     *
     * @throws IllegalArgumentException one sentence naming the file and what is wrong in it, secret-free
     */
    public static List<ServedCluster> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the clusters file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the clusters file " + file + ": " + e.getMessage());
        }
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            int dot = key.indexOf('.');
            String name = dot < 0 ? key : key.substring(0, dot);
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("the key '" + key + "' in the clusters file " + file
                        + " is not NAME.bootstrap, NAME.config or NAME.PROPERTY (e.g. prod.bootstrap=kafka-1:9092)");
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("the cluster name '" + name + "' in the clusters file " + file
                        + " may only have letters, digits, '-' and '_'");
            }
            byName.computeIfAbsent(name, n -> new HashMap<>()).put(key.substring(dot + 1), p.getProperty(key).strip());
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("the clusters file " + file + " names no cluster; write one line per"
                    + " cluster such as prod.bootstrap=kafka-1:9092");
        }
        List<ServedCluster> clusters = new ArrayList<>();
        SecretResolver secrets = SecretResolver.system();
        byName.forEach((name, entries) -> clusters.add(cluster(file, name, entries, secrets)));
        return clusters;
    }

    private static ServedCluster cluster(Path file, String name, Map<String, String> entries, SecretResolver secrets) {
        String bootstrap = entries.remove(BOOTSTRAP);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("the cluster '" + name + "' in the clusters file " + file + " has no "
                    + name + ".bootstrap=HOST:PORT[,HOST:PORT…]");
        }
        BootstrapList.problem(bootstrap).ifPresent(problem -> {
            throw new IllegalArgumentException("the cluster '" + name + "' in the clusters file " + file + ": "
                    + ServeText.withoutPeriod(problem));
        });
        String config = entries.remove(CONFIG);
        ClientSettings fromFile;
        try {
            fromFile = ClientSettings.of(BootstrapList.normalized(bootstrap),
                    config == null || config.isBlank() ? null : Path.of(config));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cluster '" + name + "' in the clusters file " + file + ": "
                    + ServeText.withoutPeriod(e.getMessage()));
        }
        Map<String, String> properties = new HashMap<>(fromFile.properties());
        entries.forEach((property, value) -> properties.put(property, secrets.resolveIn(value,
                "the property " + name + "." + property + " in the clusters file " + file)));
        return new ServedCluster(name, new ClientSettings(fromFile.bootstrapServers(), properties));
    }
}
