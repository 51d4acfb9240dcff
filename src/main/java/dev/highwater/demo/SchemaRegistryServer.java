package dev.highwater.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.highwater.core.BackendStartException;
import dev.highwater.core.registry.SchemaReference;
import dev.highwater.net.LocalPorts;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A real schema registry on loopback, for the demo and the tests: Apicurio Registry (its Confluent-compatible API
 * at {@code /apis/ccompat/v7}), in-memory storage, run as a child JVM of the JDK running us. The distribution is
 * Apicurio's ready-made app from Maven Central ({@value #ARTIFACT}); it is taken from the build's copy, the local
 * Maven repository or, failing both, downloaded from Maven Central once (its SHA-1 checked) into a cache folder,
 * and unpacked there once.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    public static final String VERSION = "3.3.3";
    static final String ARTIFACT = "io.apicurio:apicurio-registry-app:" + VERSION + ":all:tar.gz";
    private static final String FILE = "apicurio-registry-app-" + VERSION + "-all.tar.gz";
    private static final String CENTRAL = "https://repo1.maven.org/maven2/io/apicurio/apicurio-registry-app/"
            + VERSION + "/" + FILE;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /**
     * @param users         basic-auth users (name → password), each with the registry's admin role; empty for a
     *                      registry without authentication
     * @param compatibility the global compatibility rule (Confluent's default is BACKWARD; Apicurio's is none)
     * @param cacheFolder   where the distribution is unpacked (and downloaded, when no copy is found)
     * @param tls           HTTPS on a second port besides plain HTTP, or null for plain HTTP only
     */
    public record Options(Map<String, String> users, String compatibility, Path cacheFolder, Tls tls) {
        public Options {
            users = Map.copyOf(users);
        }

        public Options(Map<String, String> users, String compatibility, Path cacheFolder) {
            this(users, compatibility, cacheFolder, null);
        }

        public static Options defaults(Path cacheFolder) {
            return new Options(Map.of(), "BACKWARD", cacheFolder);
        }

        public Options withUser(String name, String password) {
            Map<String, String> u = new LinkedHashMap<>(users);
            u.put(name, password);
            return new Options(u, compatibility, cacheFolder, tls);
        }

        public Options withTls(Tls tls) {
            return new Options(users, compatibility, cacheFolder, tls);
        }
    }

    /**
     * HTTPS for a registry whose clients use TLS: the plain HTTP port stays open (registering and the start-up
     * check use it), the HTTPS port is {@link #tlsUrl()}. Server-side TLS only: whether Quarkus asks for a client
     * certificate is fixed when the app is built, and Apicurio's is built not to.
     *
     * @param certificatePem the server's certificate chain, PEM
     * @param keyPem         its private key, PEM (PKCS#8)
     */
    public record Tls(Path certificatePem, Path keyPem) {
    }

    private final Process process;
    private final int port;
    private final int tlsPort;
    private final Path log;
    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SchemaRegistryServer(Process process, int port, int tlsPort, Path log, Options options) {
        this.process = process;
        this.port = port;
        this.tlsPort = tlsPort;
        this.log = log;
        this.options = options;
    }

    /**
     * Registers a schema under a subject as a producer's serializer would, and returns its id (the same id when
     * the subject already has this schema).
     *
     * @param schemaType AVRO, PROTOBUF or JSON
     * @throws IllegalStateException with the registry's message when it refuses (e.g. an incompatible change)
     */
    public int register(String subject, String schemaType, String schema, List<SchemaReference> references) {
        JsonObject body = new JsonObject();
        body.addProperty("schemaType", schemaType);
        body.addProperty("schema", schema);
        JsonArray refs = new JsonArray();
        for (SchemaReference r : references) {
            JsonObject ref = new JsonObject();
            ref.addProperty("name", r.name());
            ref.addProperty("subject", r.subject());
            ref.addProperty("version", r.version());
            refs.add(ref);
        }
        body.add("references", refs);
        JsonObject answer = send("POST", "/subjects/" + encode(subject) + "/versions", body.toString());
        return answer.get("id").getAsInt();
    }

    /** Sets a subject's compatibility level (BACKWARD, NONE, FULL, …). */
    public void compatibility(String subject, String level) {
        JsonObject body = new JsonObject();
        body.addProperty("compatibility", level);
        send("PUT", "/config/" + encode(subject), body.toString());
    }

    private JsonObject send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        options.users().entrySet().stream().findFirst().ifPresent(u -> request.header("Authorization",
                basic(u.getKey(), u.getValue())));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("the schema registry refused " + method + " " + path + " (HTTP "
                        + r.statusCode() + "): " + r.body());
            }
            return JsonParser.parseString(r.body()).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("the schema registry at " + url() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String subject) {
        return java.net.URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The Confluent-compatible API's base URL, e.g. {@code http://127.0.0.1:40123/apis/ccompat/v7}. */
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    /** The API's HTTPS base URL, e.g. {@code https://localhost:40124/apis/ccompat/v7}, for a registry with TLS. */
    public String tlsUrl() {
        if (options.tls() == null) {
            throw new IllegalStateException("this schema registry was started without TLS");
        }
        return "https://localhost:" + tlsPort + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    public boolean running() {
        return process.isAlive();
    }

    /**
     * Starts a registry on a free loopback port and returns once its API answers.
     *
     * @throws BackendStartException in one sentence when the distribution cannot be found or fetched, or the
     *         registry does not come up (the end of its log is in the sentence)
     */
    public static SchemaRegistryServer start(Options options) {
        Path home = unpacked(options.cacheFolder());
        int port = LocalPorts.free();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=0",
                "-Dquarkus.log.level=WARN",
                "-Dapicurio.rules.global.compatibility=" + options.compatibility()));
        if (!options.users().isEmpty()) {
            command.addAll(List.of("-Dapicurio.authn.enabled=true", "-Dquarkus.http.auth.basic=true",
                    "-Dquarkus.security.users.embedded.enabled=true",
                    "-Dquarkus.security.users.embedded.plain-text=true"));
            options.users().forEach((user, password) -> {
                command.add("-Dquarkus.security.users.embedded.users." + user + "=" + password);
                command.add("-Dquarkus.security.users.embedded.roles." + user + "=sr-admin");
            });
        }
        int tlsPort = 0;
        Tls tls = options.tls();
        if (tls != null) {
            tlsPort = LocalPorts.freeOtherThan(port);
            command.addAll(List.of("-Dquarkus.http.ssl-port=" + tlsPort, "-Dquarkus.http.insecure-requests=enabled",
                    "-Dquarkus.http.ssl.certificate.files=" + tls.certificatePem().toAbsolutePath(),
                    "-Dquarkus.http.ssl.certificate.key-files=" + tls.keyPem().toAbsolutePath()));
        }
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        Path log;
        Process process;
        try {
            log = Files.createTempFile("highwater-schema-registry", ".log");
            process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new BackendStartException("the schema registry could not be started: " + e.getMessage(), e);
        }
        SchemaRegistryServer server = new SchemaRegistryServer(process, port, tlsPort, log, options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-schema-registry"));
        server.awaitUp(options);
        return server;
    }

    private void awaitUp(Options options) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
                .timeout(Duration.ofSeconds(5));
        options.users().entrySet().stream().findFirst().ifPresent(u -> probe.header("Authorization",
                basic(u.getKey(), u.getValue())));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BackendStartException("the schema registry stopped while starting: " + logTail());
            }
            try {
                HttpResponse<Void> r = http.send(probe.build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new BackendStartException("interrupted while the schema registry started", e);
            }
            sleep(250);
        }
        close();
        throw new BackendStartException("the schema registry did not answer within " + START_TIMEOUT.toSeconds()
                + " s: " + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size())).strip();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Stops the registry (its in-memory schemas go with it). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temp file
        }
    }

    // ---------------------------------------------------------------- the distribution

    /** The unpacked distribution's folder, unpacking (and fetching) it first when needed. */
    static synchronized Path unpacked(Path cacheFolder) {
        Path home = cacheFolder.resolve("apicurio-registry-" + VERSION);
        if (Files.isRegularFile(home.resolve(".unpacked"))) {
            return home;
        }
        Path archive = archive(cacheFolder);
        try {
            Path partial = Files.createDirectories(cacheFolder).resolve(home.getFileName() + ".partial");
            deleteTree(partial);
            untar(archive, partial);
            Files.writeString(partial.resolve(".unpacked"), ARTIFACT + "\n");
            deleteTree(home);
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            return home;
        } catch (IOException e) {
            throw new BackendStartException("the schema registry's distribution " + archive + " could not be"
                    + " unpacked into " + cacheFolder + ": " + e.getMessage(), e);
        }
    }

    /** The distribution's archive: the build's copy, the local Maven repository's, or one fetched now. */
    static Path archive(Path cacheFolder) {
        Optional<Path> found = candidates(cacheFolder).stream().filter(Files::isRegularFile).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        Path target = cacheFolder.resolve(FILE);
        try {
            Files.createDirectories(cacheFolder);
            download(target);
            return target;
        } catch (IOException e) {
            throw new BackendStartException("the schema registry (" + ARTIFACT + ", about 160 MB) is not on this"
                    + " machine and could not be fetched from Maven Central (" + e.getMessage() + "); fetch it with"
                    + " ./mvnw dependency:get -Dartifact=" + ARTIFACT.replace(":all:tar.gz", ":tar.gz:all"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendStartException("interrupted while fetching the schema registry", e);
        }
    }

    static List<Path> candidates(Path cacheFolder) {
        List<Path> c = new ArrayList<>();
        String given = System.getProperty("highwater.schemaRegistry.archive");
        if (given != null && !given.isBlank()) {
            c.add(Path.of(given));
        }
        c.add(Path.of("target", "schema-registry", FILE));
        c.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "apicurio",
                "apicurio-registry-app", VERSION, FILE));
        c.add(cacheFolder.resolve(FILE));
        return c;
    }

    private static void download(Path target) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String expected = http.send(HttpRequest.newBuilder(URI.create(CENTRAL + ".sha1")).build(),
                HttpResponse.BodyHandlers.ofString()).body().strip().split("\\s+")[0];
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(CENTRAL)).build(),
                HttpResponse.BodyHandlers.ofFile(partial));
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " for " + CENTRAL);
        }
        String actual = sha1(partial);
        if (!actual.equalsIgnoreCase(expected)) {
            Files.deleteIfExists(partial);
            throw new IOException("the download's SHA-1 " + actual + " is not Maven Central's " + expected);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                d.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void untar(Path archive, Path into) throws IOException {
        Path root = Files.createDirectories(into).toRealPath();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                Path to = root.resolve(e.getName()).normalize();
                if (!to.startsWith(root)) {
                    throw new IOException("the archive names a file outside its folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                } else if (e.isFile()) {
                    Files.createDirectories(to.getParent());
                    Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
