package dev.highwater.registry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.RegistryException.Kind;
import dev.highwater.core.registry.SchemaReference;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.core.registry.SubjectVersion;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schema registry over its Confluent REST API (Confluent, Apicurio's ccompat API, Karapace, Redpanda), with
 * the JDK's HTTP client. The URLs are tried in turn when one does not answer (refused, timed out, TLS failed,
 * a 5xx); the one that answered last is asked first. Credentials are sent with every request rather than after
 * a challenge, because Apicurio's 401 names no scheme to answer with. Thread-safe.
 */
public final class HttpSchemaRegistry implements SchemaRegistry {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/json";

    private record Answer(String base, int status, String body) {
    }

    private final List<String> bases;
    private final RegistrySettings.Auth auth;
    private final String authorization;
    private final HttpClient http;
    private volatile int preferred;

    /**
     * Resolves the secrets and opens the TLS stores now, so a setting that cannot be used is said before the
     * first record needs a schema.
     *
     * @throws ConnectionSettingsException in one sentence, for a secret reference that does not resolve, a store
     *         that does not open or credentials that are not complete
     */
    public HttpSchemaRegistry(RegistrySettings settings, SecretResolver secrets) {
        if (!settings.present()) {
            throw new ConnectionSettingsException("no schema registry URL is given; give --schema-registry URL or"
                    + " schema.registry.url");
        }
        this.bases = settings.urls().stream().map(HttpSchemaRegistry::base).toList();
        this.auth = settings.auth();
        this.authorization = authorization(settings, secrets);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (RegistryTls.needed(settings)) {
            builder.sslContext(RegistryTls.context(settings, secrets));
        }
        this.http = builder.build();
    }

    private static String base(URI url) {
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String authorization(RegistrySettings settings, SecretResolver secrets) {
        return switch (settings.auth()) {
            case NONE -> null;
            case BASIC -> {
                String password = secrets.resolve(settings.password(), "the schema registry's basic.auth.user.info");
                String userInfo = settings.username().isEmpty() ? password : settings.username() + ":" + password;
                if (userInfo.indexOf(':') <= 0) {
                    throw new ConnectionSettingsException("the schema registry's basic.auth.user.info should be"
                            + " user:password, and what it refers to has no user before a colon");
                }
                yield "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
            }
            case BEARER -> {
                String token = secrets.resolve(settings.token(), "the schema registry's bearer.auth.token").strip();
                if (token.isEmpty()) {
                    throw new ConnectionSettingsException("the schema registry's bearer.auth.token is empty;"
                            + " give the token the registry expects");
                }
                yield "Bearer " + token;
            }
        };
    }

    // ---------------------------------------------------------------- the port

    @Override
    public RegisteredSchema schema(int id) {
        Answer a = get("/schemas/ids/" + id, "schema id " + id);
        JsonObject o = object(a, "/schemas/ids/" + id);
        String text = string(o, "schema", a, "/schemas/ids/" + id);
        SchemaType type = SchemaType.of(optionalString(o, "schemaType"));
        List<SchemaReference> references = references(o, a, "/schemas/ids/" + id);
        Map<String, String> referenced = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (SchemaReference r : references) {
            resolve(r, seen, referenced);
        }
        return new RegisteredSchema(id, type, text, references, referenced);
    }

    /**
     * Depth first: a reference's own references are put in before it, so {@code referenced} reads in the order a
     * compiler needs. A name is fetched once, and marked before its references are, so a cycle ends.
     */
    private void resolve(SchemaReference r, Set<String> seen, Map<String, String> referenced) {
        if (!seen.add(r.name())) {
            return;
        }
        String path = "/subjects/" + encode(r.subject()) + "/versions/" + (r.version() <= 0 ? "latest" : r.version());
        Answer a = get(path, "subject " + r.subject() + " version " + r.version() + " (referenced as " + r.name() + ")");
        JsonObject o = object(a, path);
        String text = string(o, "schema", a, path);
        for (SchemaReference nested : references(o, a, path)) {
            resolve(nested, seen, referenced);
        }
        referenced.put(r.name(), text);
    }

    @Override
    public List<SubjectVersion> usages(int id) {
        String path = "/schemas/ids/" + id + "/versions";
        Answer a = get(path, "schema id " + id);
        List<SubjectVersion> out = new ArrayList<>();
        for (JsonElement e : array(a, path)) {
            if (!e.isJsonObject()) {
                throw badAnswer(a, path, null);
            }
            JsonObject o = e.getAsJsonObject();
            out.add(new SubjectVersion(string(o, "subject", a, path), integer(o, "version", a, path), id));
        }
        return List.copyOf(out);
    }

    @Override
    public List<String> subjects() {
        Answer a = get("/subjects", "its subjects");
        List<String> out = new ArrayList<>();
        for (JsonElement e : array(a, "/subjects")) {
            out.add(asString(e, a, "/subjects"));
        }
        return out.stream().sorted().toList();
    }

    @Override
    public List<Integer> versions(String subject) {
        String path = "/subjects/" + encode(subject) + "/versions";
        Answer a = get(path, "subject " + subject);
        List<Integer> out = new ArrayList<>();
        for (JsonElement e : array(a, path)) {
            try {
                out.add(e.getAsInt());
            } catch (RuntimeException notANumber) {
                throw badAnswer(a, path, notANumber);
            }
        }
        return out.stream().sorted().toList();
    }

    @Override
    public SubjectVersion version(String subject, int version) {
        String path = "/subjects/" + encode(subject) + "/versions/" + (version <= 0 ? "latest" : version);
        Answer a = get(path, version <= 0 ? "subject " + subject : "subject " + subject + " version " + version);
        JsonObject o = object(a, path);
        String named = optionalString(o, "subject");
        return new SubjectVersion(named == null ? subject : named, integer(o, "version", a, path),
                integer(o, "id", a, path));
    }

    @Override
    public String compatibility(String subject) {
        String path = "/config/" + encode(subject) + "?defaultToGlobal=true";
        Answer a = send(path);
        if (a.status() == 404) {
            // registries without subject-level settings, or older ones ignoring defaultToGlobal, say 404 here
            a = get("/config", "its compatibility level");
            return level(a, "/config");
        }
        check(a, path, "subject " + subject);
        return level(a, path);
    }

    private String level(Answer a, String path) {
        JsonObject o = object(a, path);
        String level = optionalString(o, "compatibilityLevel");
        if (level == null) {
            level = optionalString(o, "compatibility");
        }
        if (level == null || level.isBlank()) {
            throw badAnswer(a, path, null);
        }
        return level.strip();
    }

    @Override
    public String where() {
        return String.join(", ", bases);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistry[" + where() + "]";
    }

    // ---------------------------------------------------------------- HTTP, failover and errors

    /** A 200 answer to a GET, or the registry's refusal as a {@link RegistryException}. */
    private Answer get(String path, String what) {
        Answer a = send(path);
        check(a, path, what);
        return a;
    }

    private Answer send(String path) {
        int first = preferred;
        Exception last = null;
        int lastStatus = 0;
        for (int i = 0; i < bases.size(); i++) {
            int index = (first + i) % bases.size();
            String base = bases.get(index);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET()
                    .timeout(REQUEST_TIMEOUT).header("Accept", ACCEPT);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() >= 500) {
                    lastStatus = r.statusCode();
                    last = null;
                    continue;
                }
                preferred = index;
                return new Answer(base, r.statusCode(), r.body());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(Kind.UNREACHABLE, "interrupted while asking the schema registry at "
                        + where(), e);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(Kind.BAD_ANSWER, "the schema registry URL " + base + " cannot be asked for "
                        + path + ": " + e.getMessage(), e);
            }
        }
        String why = last != null ? reason(last) : "it answered HTTP " + lastStatus;
        throw new RegistryException(Kind.UNREACHABLE, "the schema registry at " + where() + " did not answer ("
                + why + "); check that it runs and that the URL and its TLS settings are right", last);
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return switch (e) {
            case java.net.http.HttpConnectTimeoutException x -> "the connection timed out after "
                    + CONNECT_TIMEOUT.toSeconds() + " s";
            case java.net.http.HttpTimeoutException x -> "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
            case java.net.ConnectException x -> "connection refused";
            case javax.net.ssl.SSLException x -> "TLS failed: " + firstLine(x.getMessage());
            default -> e.getCause() instanceof javax.net.ssl.SSLException s ? "TLS failed: " + firstLine(s.getMessage())
                    : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage()));
        };
    }

    private void check(Answer a, String path, String what) {
        int status = a.status();
        if (status == 200) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new RegistryException(Kind.REFUSED, "the schema registry at " + a.base() + " refused"
                    + (auth == RegistrySettings.Auth.NONE ? " to answer without credentials" : " the credentials")
                    + " (HTTP " + status + "); " + switch (auth) {
                        case NONE -> "give basic.auth.user.info or bearer.auth.token";
                        case BASIC -> "check basic.auth.user.info (the user and the password)";
                        case BEARER -> "check bearer.auth.token";
                    });
        }
        int code = errorCode(a.body());
        if (status == 404 && code == 40403) {
            throw new RegistryException(Kind.UNKNOWN_ID, "the schema registry at " + a.base() + " does not know "
                    + what);
        }
        if (status == 404 && (code == 40401 || code == 40402)) {
            throw new RegistryException(Kind.UNKNOWN_SUBJECT, "the schema registry at " + a.base()
                    + " does not know " + what);
        }
        if (status == 404 && code < 0) {
            throw new RegistryException(Kind.BAD_ANSWER, "the schema registry at " + a.base() + " has no " + path
                    + " (HTTP 404); check that the URL is the registry's API (Apicurio's ends in /apis/ccompat/v7)");
        }
        throw new RegistryException(Kind.BAD_ANSWER, "the schema registry at " + a.base() + " answered HTTP "
                + status + " for " + path + message(a.body()));
    }

    private static int errorCode(String body) {
        try {
            JsonElement e = JsonParser.parseString(body);
            if (e.isJsonObject() && e.getAsJsonObject().has("error_code")) {
                return e.getAsJsonObject().get("error_code").getAsInt();
            }
        } catch (RuntimeException notTheRegistrysJson) {
            // not an error of the registry's API
        }
        return -1;
    }

    private static String message(String body) {
        try {
            JsonElement e = JsonParser.parseString(body);
            if (e.isJsonObject() && e.getAsJsonObject().has("message")) {
                return ": " + firstLine(e.getAsJsonObject().get("message").getAsString());
            }
        } catch (RuntimeException notTheRegistrysJson) {
            // said without the registry's words
        }
        return "";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    // ---------------------------------------------------------------- the registry's JSON

    private static JsonElement parse(Answer a, String path) {
        try {
            return JsonParser.parseString(a.body());
        } catch (JsonParseException e) {
            throw badAnswer(a, path, e);
        }
    }

    private static JsonObject object(Answer a, String path) {
        JsonElement e = parse(a, path);
        if (!e.isJsonObject()) {
            throw badAnswer(a, path, null);
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(Answer a, String path) {
        JsonElement e = parse(a, path);
        if (!e.isJsonArray()) {
            throw badAnswer(a, path, null);
        }
        return e.getAsJsonArray();
    }

    private static String string(JsonObject o, String field, Answer a, String path) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw badAnswer(a, path, null);
        }
        return asString(e, a, path);
    }

    private static String asString(JsonElement e, Answer a, String path) {
        if (!e.isJsonPrimitive()) {
            throw badAnswer(a, path, null);
        }
        return e.getAsString();
    }

    private static String optionalString(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static int integer(JsonObject o, String field, Answer a, String path) {
        try {
            return o.get(field).getAsInt();
        } catch (RuntimeException e) {
            throw badAnswer(a, path, e);
        }
    }

    private static List<SchemaReference> references(JsonObject o, Answer a, String path) {
        JsonElement refs = o.get("references");
        if (refs == null || refs.isJsonNull()) {
            return List.of();
        }
        if (!refs.isJsonArray()) {
            throw badAnswer(a, path, null);
        }
        List<SchemaReference> out = new ArrayList<>();
        for (JsonElement e : refs.getAsJsonArray()) {
            if (!e.isJsonObject()) {
                throw badAnswer(a, path, null);
            }
            JsonObject r = e.getAsJsonObject();
            out.add(new SchemaReference(string(r, "name", a, path), string(r, "subject", a, path),
                    integer(r, "version", a, path)));
        }
        return out;
    }

    private static RegistryException badAnswer(Answer a, String path, Throwable cause) {
        String query = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return new RegistryException(Kind.BAD_ANSWER, "the schema registry at " + a.base() + " answered GET " + query
                + " with something that is not the registry API's JSON; check that the URL is a schema registry's",
                cause);
    }

    static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
