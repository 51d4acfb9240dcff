package dev.highwater.notify;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A webhook receiver on loopback: records each JSON body it is posted, and answers with the status it is told. */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "ok";
    private volatile long delayMillis;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if ("POST".equals(exchange.getRequestMethod())) {
                    bodies.add(JsonParser.parseString(body).getAsJsonObject());
                    contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                }
            }
            try {
                Thread.sleep(delayMillis); // a slow receiver
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** A URL on this receiver whose path holds a token, as chat webhooks' do. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0/B0/s3cr3t-token";
    }

    public void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    /** Answers each request only after this long. */
    public void delay(Duration d) {
        this.delayMillis = d.toMillis();
    }

    public List<JsonObject> bodies() {
        return List.copyOf(bodies);
    }

    public List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    /** The bodies' {@code highwater.event} and {@code highwater.key}, "raised total-lag:g". */
    public List<String> events() {
        return bodies.stream().map(b -> b.getAsJsonObject("highwater")).map(h -> h.get("event").getAsString() + " "
                + h.get("key").getAsString()).toList();
    }

    /** Waits until the received events pass the test, or the time is up; returns them either way. */
    public List<String> awaitEvents(Predicate<List<String>> done, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.test(events()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return events();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
