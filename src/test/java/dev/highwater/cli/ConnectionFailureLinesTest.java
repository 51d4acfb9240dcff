package dev.highwater.cli;

import dev.highwater.core.connect.ClusterCheck;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.ClusterProbe;
import dev.highwater.kafka.SecureBroker;
import dev.highwater.net.LocalPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command that reaches a cluster, run as a user runs it (a JVM of its own) against a real broker with a
 * SASL_SSL listener (SCRAM, a self-signed CA) and a plaintext one: each set-up mistake ends with exit code 1 and
 * exactly one line on stderr that names the cause, with no stack trace and none of the client library's log lines,
 * and no secret in it.
 */
class ConnectionFailureLinesTest {

    private static final String WRONG_PASSWORD = "not-Alices-pass-2718";

    @TempDir
    static Path dir;
    static SecureBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new SecureBroker(dir);
        // the broker's first TLS and SCRAM handshake is slow on a busy machine: served here, not timed in a case
        Properties good = new Properties();
        good.load(new StringReader(scram(SecureBroker.ALICE_PASSWORD, broker.certs.trustStore())));
        Map<String, String> props = new HashMap<>();
        good.stringPropertyNames().forEach(k -> props.put(k, good.getProperty(k)));
        ClusterCheck.Result warm = ClusterProbe.probe(new ClientSettings(broker.saslSslBootstrap(), props),
                Duration.ofSeconds(60));
        assertTrue(warm.reachable(), warm.problem());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** A set-up mistake: where the command connects, with which client properties, and what its line must name. */
    record Mistake(String name, Supplier<String> bootstrap, Supplier<String> properties, Supplier<String> cause) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String scram(String password, Path trustStore) {
        return "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-256\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"alice\" password=\"" + password + "\";\n"
                + "ssl.truststore.location=" + trustStore + "\nssl.truststore.type=PKCS12\n"
                + "ssl.truststore.password=" + broker.certs.password() + "\n";
    }

    private static final int CLOSED_PORT = LocalPorts.free();

    static Stream<Mistake> mistakes() {
        return Stream.of(
                new Mistake("wrong password", () -> broker.saslSslBootstrap(),
                        () -> scram(WRONG_PASSWORD, broker.certs.trustStore()),
                        () -> "refused the credentials of user alice (SASL SCRAM-SHA-256 authentication failed)"),
                new Mistake("untrusted certificate", () -> broker.saslSslBootstrap(),
                        () -> scram(SecureBroker.ALICE_PASSWORD, broker.certs.otherTrustStore()),
                        () -> "the broker's certificate is not signed by a CA in the trust store "
                                + broker.certs.otherTrustStore()),
                new Mistake("unresolvable host", () -> "no-such-host.invalid:9092", () -> "",
                        () -> "No bootstrap server in no-such-host.invalid:9092 resolves to an address"),
                new Mistake("no broker on the port", () -> "127.0.0.1:" + CLOSED_PORT, () -> "",
                        () -> "No Kafka broker answered at 127.0.0.1:" + CLOSED_PORT + ": nothing listens there (connection refused)"),
                new Mistake("missing truststore", () -> broker.saslSslBootstrap(),
                        () -> scram(SecureBroker.ALICE_PASSWORD, dir.resolve("no-such-truststore.p12")),
                        () -> "the truststore file " + dir.resolve("no-such-truststore.p12")
                                + " (ssl.truststore.location in "),
                new Mistake("JAAS line without its semicolon", () -> broker.saslSslBootstrap(),
                        () -> scram(SecureBroker.ALICE_PASSWORD, broker.certs.trustStore()).replace("\";\n", "\"\n"),
                        () -> "The sasl.jaas.config setting does not end with ';'"),
                new Mistake("SASL against a plaintext listener", () -> broker.plaintextBootstrap(),
                        () -> "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\n"
                                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"alice\" password=\"" + WRONG_PASSWORD + "\";\n",
                        () -> "The listener at " + broker.plaintextBootstrap() + " does not use SASL"));
    }

    static Stream<Arguments> mistakesByCommand() {
        List<Arguments> all = new ArrayList<>();
        mistakes().forEach(m -> {
            for (String command : List.of("lag", "tail", "audit", "reset-offsets")) {
                all.add(Arguments.of(m, command));
            }
        });
        return all.stream();
    }

    private static List<String> args(String command, Mistake m) throws Exception {
        Path config = Files.writeString(dir.resolve(m.name().replace(' ', '-') + ".properties"), m.properties().get());
        List<String> args = new ArrayList<>(List.of(command, "--bootstrap", m.bootstrap().get(),
                "--config", config.toString()));
        args.addAll(switch (command) {
            case "lag" -> List.of("--group", "billing", "--interval", "0.2");
            case "tail" -> List.of("--topic", "payments");
            case "audit" -> List.of("--topic", "payment-ledger", "--at", "now");
            case "reset-offsets" -> List.of("--group", "billing", "--to-earliest");
            default -> throw new IllegalArgumentException(command);
        });
        return args;
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("mistakesByCommand")
    void eachMistakeIsOneLineNamingItsCause(Mistake mistake, String command) throws Exception {
        ProcessRun r = ProcessRun.of(args(command, mistake).toArray(String[]::new));
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.err().size(), "exactly one line on stderr: " + r);
        String line = r.err().getFirst();
        assertTrue(line.startsWith("highwater: "), r.toString());
        assertTrue(line.contains(mistake.cause().get()), "the cause named: " + r);
        assertFalse(line.contains(WRONG_PASSWORD) || line.contains(SecureBroker.ALICE_PASSWORD)
                || line.contains(broker.certs.password()), "no secret: " + line);
        assertTrue(r.out().isEmpty(), r.toString());
    }

    @Test
    void verboseAddsTheClientLibrarysOwnLinesAndStillEndsWithTheCause() throws Exception {
        Mistake wrongPassword = mistakes().findFirst().orElseThrow();
        List<String> args = args("lag", wrongPassword);
        args.add("--verbose");
        ProcessRun r = ProcessRun.of(args.toArray(String[]::new));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().size() > 1, r.toString());
        assertTrue(r.err().stream().anyMatch(l -> l.contains("ERROR") && l.contains("failed authentication")),
                "Kafka's own error line: " + r);
        assertTrue(r.err().getLast().contains(wrongPassword.cause().get()), r.toString());
        assertFalse(String.join("\n", r.err()).contains(WRONG_PASSWORD), "no secret, verbose or not");
    }

    @Test
    void anUnresolvableGrpcTargetIsOneLineWithoutGrpcsResolverWarning() throws Exception {
        ProcessRun r = ProcessRun.of("grpc", "--target", "no-such-host.invalid:1", "get-transaction", "01");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(List.of("highwater: The host no-such-host.invalid of the gRPC target no-such-host.invalid:1"
                + " does not resolve to an address: check the host name."), r.err(), r.toString());
    }
}
