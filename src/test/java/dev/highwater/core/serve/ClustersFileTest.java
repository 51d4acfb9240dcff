package dev.highwater.core.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clusters file of {@code serve --clusters}: what it gives, and one sentence for each way it can be wrong. */
class ClustersFileTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        return Files.writeString(dir.resolve("clusters.properties"), String.join("\n", lines) + "\n");
    }

    private String problem(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> ClustersFile.read(file)).getMessage();
    }

    @Test
    void eachClusterHasItsBootstrapServersAndClientPropertiesWithSecretsResolved() throws IOException {
        Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
        Path staging = Files.writeString(dir.resolve("staging.properties"),
                "security.protocol=SSL\nssl.endpoint.identification.algorithm=\n");
        List<ServedCluster> clusters = ClustersFile.read(file(
                "# the team's clusters",
                "prod.bootstrap=kafka-1:9092, kafka-2:9092",
                "prod.security.protocol=SASL_SSL",
                "prod.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"lag\" password=\"${file:" + password + "}\";",
                "staging.bootstrap=kafka.staging:9092",
                "staging.config=" + staging,
                "staging.ssl.endpoint.identification.algorithm=https"));
        assertEquals(List.of("prod", "staging"), clusters.stream().map(ServedCluster::name).toList());
        ServedCluster prod = clusters.getFirst();
        assertEquals("kafka-1:9092,kafka-2:9092", prod.client().bootstrapServers());
        assertEquals("SASL_SSL", prod.client().properties().get("security.protocol"));
        assertTrue(prod.client().properties().get("sasl.jaas.config").contains("password=\"s3cret\";"));
        assertFalse(prod.client().properties().containsKey("bootstrap"), "bootstrap is not a client property");
        assertFalse(prod.client().toString().contains("s3cret"), "never shown: " + prod.client());
        assertEquals(Map.of("security.protocol", "SSL", "ssl.endpoint.identification.algorithm", "https"),
                clusters.get(1).client().properties(), "the file's properties, the inline ones over them");
    }

    @Test
    void aFileThatIsNotThereOrNamesNoClusterIsSaid() throws IOException {
        Path missing = dir.resolve("nope.properties");
        assertEquals("the clusters file " + missing + " does not exist", problem(missing));
        Path empty = file("# nothing yet");
        assertEquals("the clusters file " + empty + " names no cluster; write one line per cluster such as"
                + " prod.bootstrap=kafka-1:9092", problem(empty));
    }

    @Test
    void aKeyThatIsNotNameDotSomethingIsNamed() throws IOException {
        Path f = file("bootstrap=kafka-1:9092");
        assertEquals("the key 'bootstrap' in the clusters file " + f + " is not NAME.bootstrap, NAME.config or"
                + " NAME.PROPERTY (e.g. prod.bootstrap=kafka-1:9092)", problem(f));
        Path dotLast = file("prod.=kafka-1:9092");
        assertTrue(problem(dotLast).startsWith("the key 'prod.' in the clusters file "), problem(dotLast));
    }

    @Test
    void aNameThatCannotLabelASeriesIsRefused() throws IOException {
        Path f = file("prod/eu.bootstrap=kafka-1:9092");
        assertEquals("the cluster name 'prod/eu' in the clusters file " + f
                + " may only have letters, digits, '-' and '_'", problem(f));
    }

    @Test
    void aClusterWithoutBootstrapServersOrWithAMalformedListIsNamed() throws IOException {
        Path none = file("prod.security.protocol=SSL");
        assertEquals("the cluster 'prod' in the clusters file " + none
                + " has no prod.bootstrap=HOST:PORT[,HOST:PORT…]", problem(none));
        Path noPort = file("prod.bootstrap=kafka-1");
        assertEquals("the cluster 'prod' in the clusters file " + noPort
                + ": Bootstrap server 'kafka-1' needs host:port, e.g. broker1:9092", problem(noPort));
    }

    @Test
    void aSecretReferenceThatCannotBeResolvedOrAConfigFileThatIsNotThereIsSaidWithoutTheSecret() throws IOException {
        Path f = file("prod.bootstrap=kafka-1:9092",
                "prod.sasl.jaas.config=… password=\"${env:HIGHWATER_TEST_VARIABLE_NOBODY_SETS}\";");
        String problem = problem(f);
        assertTrue(problem.startsWith("The environment variable HIGHWATER_TEST_VARIABLE_NOBODY_SETS is not set (the"
                + " property prod.sasl.jaas.config in the clusters file " + f), problem);
        Path config = dir.resolve("missing.properties");
        Path g = file("prod.bootstrap=kafka-1:9092", "prod.config=" + config);
        assertEquals("the cluster 'prod' in the clusters file " + g + ": the client properties file " + config
                + " does not exist", problem(g));
    }
}
