package dev.highwater.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One scrape of {@code /metrics} over HTTP, as Prometheus makes it, read back into samples: a metric name, its
 * labels and its value. Only what the tests need of the text format: a sample per line, comments skipped.
 */
public record Scrape(String contentType, List<Sample> samples, String body) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Sample(String name, Map<String, String> labels, double value) {
        boolean has(Map<String, String> wanted) {
            return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    /** Scrapes with the Accept header Prometheus 2 sends. */
    public static Scrape of(URI metrics) throws IOException, InterruptedException {
        return of(metrics, "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    }

    public static Scrape of(URI metrics, String accept) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(metrics).header("Accept", accept)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            fail("GET " + metrics + ": " + r.statusCode() + " " + r.body());
        }
        return new Scrape(r.headers().firstValue("Content-Type").orElse(""), parse(r.body()), r.body());
    }

    /** Scrapes until one scrape satisfies the condition, for up to the given time. */
    public static Scrape until(URI metrics, Predicate<Scrape> condition, Duration limit, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Scrape last = null;
        while (System.nanoTime() < deadline) {
            last = of(metrics);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        return fail("gave up waiting for " + what + "; last scrape:\n" + last);
    }

    /** The samples of this name whose labels include these (name, value, name, value…). */
    public List<Sample> all(String name, String... labels) {
        Map<String, String> wanted = labels(labels);
        return samples.stream().filter(s -> s.name.equals(name) && s.has(wanted)).toList();
    }

    /** The one sample of this name with these labels, if there is one. */
    public Optional<Double> value(String name, String... labels) {
        List<Sample> found = all(name, labels);
        if (found.size() > 1) {
            fail(found.size() + " samples of " + name + " " + List.of(labels) + ": " + found);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    public boolean has(String name, String... labels) {
        return !all(name, labels).isEmpty();
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            Map<String, String> labels = new LinkedHashMap<>();
            String name;
            int rest;
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                rest = readLabels(line, brace + 1, labels);
            } else {
                name = line.substring(0, space);
                rest = space;
            }
            String[] tail = line.substring(rest).strip().split(" ");
            out.add(new Sample(name, labels, Double.parseDouble(tail[0])));
        }
        return out;
    }

    /** Reads {@code k="v",…}} from {@code at}; returns the index after the closing brace. */
    private static int readLabels(String line, int at, Map<String, String> labels) {
        int i = at;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char n = line.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(contentType).append('\n');
        samples.forEach(s -> b.append(s.name).append(s.labels).append(' ').append(s.value).append('\n'));
        return b.toString();
    }
}
