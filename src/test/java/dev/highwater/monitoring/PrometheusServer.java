package dev.highwater.monitoring;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.highwater.net.LocalPorts;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server (the {@code prometheus} program on the PATH) on loopback for one test: a free port, a
 * configuration that scrapes one target every second and loads rule files, its storage in a temporary folder
 * removed at close. {@link #close()} stops it with SIGTERM, as a service manager would, and fails when it does not
 * end cleanly.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(20);

    private final Path folder;
    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Path folder, Process process, int port) {
        this.folder = folder;
        this.process = process;
        this.base = URI.create("http://127.0.0.1:" + port + "/");
    }

    /**
     * Starts Prometheus scraping {@code target} (host:port, its {@code /metrics}) as job {@code highwater} every
     * second, evaluating the rule files every second; returns once it answers as ready.
     */
    static PrometheusServer start(String target, Path... ruleFiles) throws IOException, InterruptedException {
        Path binary = PrometheusBinaries.require("prometheus");
        Path folder = Files.createTempDirectory("highwater-prometheus");
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: highwater
                    static_configs:
                      - targets: ['%s']
                rule_files:
                """.formatted(target));
        for (Path rules : ruleFiles) {
            config.append("  - '").append(rules.toAbsolutePath()).append("'\n");
        }
        Files.writeString(folder.resolve("prometheus.yml"), config);
        // a port taken between finding it free and Prometheus binding it: try another
        for (int attempt = 1; ; attempt++) {
            int port = LocalPorts.free();
            Process process = new ProcessBuilder(binary.toString(),
                    "--config.file=" + folder.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + folder.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(folder.resolve("prometheus.log").toFile()).start();
            PrometheusServer server = new PrometheusServer(folder, process, port);
            if (server.awaitReady()) {
                return server;
            }
            server.stopProcess();
            if (attempt == 3) {
                String log = server.log();
                server.deleteFolder();
                throw new AssertionError("Prometheus did not start within " + START_LIMIT.toSeconds() + " s: " + log);
            }
        }
    }

    private boolean awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The JSON answer of an instant query at the current time ({@code /api/v1/query}), errors included. */
    JsonObject query(String promql) throws IOException, InterruptedException {
        return get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The rule groups, their rules' health and last errors ({@code /api/v1/rules}). */
    JsonObject rules() throws IOException, InterruptedException {
        return get("api/v1/rules");
    }

    /** The scrape targets and their health ({@code /api/v1/targets}). */
    JsonObject targets() throws IOException, InterruptedException {
        return get("api/v1/targets");
    }

    private JsonObject get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    /** What Prometheus has logged so far, for a failing test's message. */
    String log() {
        try {
            return Files.readString(folder.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            int exit = stopProcess();
            if (exit != 0) {
                throw new AssertionError("Prometheus ended with exit code " + exit + " on SIGTERM: " + log());
            }
        } finally {
            deleteFolder();
        }
    }

    private int stopProcess() throws InterruptedException {
        process.destroy(); // SIGTERM
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("Prometheus did not stop within 15 s of SIGTERM: " + log());
        }
        return process.exitValue();
    }

    private void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
