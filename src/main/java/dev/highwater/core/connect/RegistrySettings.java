package dev.highwater.core.connect;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to reach a profile's schema registry: one or more URLs (tried in turn, for failover), credentials (none,
 * basic or a bearer token) and TLS (a trust store, and a key store for mutual TLS, of the same kinds as Kafka's).
 * Secrets may be references ({@code ${env:…}}, {@code ${file:…}}), resolved when the registry is opened.
 *
 * @param urls            the registry's base URLs (e.g. {@code http://registry:8081} or Apicurio's
 *                        {@code …/apis/ccompat/v7}); empty when the profile has no registry
 * @param auth            which credentials are sent
 * @param username        for {@link Auth#BASIC}
 * @param password        for {@link Auth#BASIC}
 * @param token           for {@link Auth#BEARER}
 * @param trustStore      certificates to trust over HTTPS, or null for the JDK's
 * @param keyStore        this client's certificate for mutual TLS, or null
 * @param keyPassword     the key's password inside the key store, when it differs from the store's
 * @param verifyHostname  false only when the user turned endpoint identification off
 */
public record RegistrySettings(List<URI> urls, Auth auth, String username, Secret password, Secret token,
                               KafkaSecurity.Store trustStore, KafkaSecurity.Store keyStore, Secret keyPassword,
                               boolean verifyHostname) {

    public enum Auth { NONE, BASIC, BEARER }

    public static final RegistrySettings NONE = new RegistrySettings(List.of(), Auth.NONE, "", Secret.NONE,
            Secret.NONE, null, null, Secret.NONE, true);

    public RegistrySettings {
        urls = List.copyOf(urls);
        auth = auth == null ? Auth.NONE : auth;
        username = username == null ? "" : username.strip();
        password = password == null ? Secret.NONE : password;
        token = token == null ? Secret.NONE : token;
        keyPassword = keyPassword == null ? Secret.NONE : keyPassword;
    }

    /** True when there is a registry to ask. */
    public boolean present() {
        return !urls.isEmpty();
    }

    /** Plain URLs, no credentials: what a test or the demo uses. */
    public static RegistrySettings of(String urls) {
        return new RegistrySettings(parseUrls(urls), Auth.NONE, "", Secret.NONE, Secret.NONE, null, null,
                Secret.NONE, true);
    }

    /** The URLs of a comma-separated list; a URL that is not http(s) is one sentence naming it. */
    public static List<URI> parseUrls(String text) {
        List<URI> urls = new ArrayList<>();
        if (text == null) {
            return urls;
        }
        for (String part : text.split(",")) {
            String u = part.strip();
            if (u.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
            } catch (IllegalArgumentException e) {
                throw new ConnectionSettingsException("the schema registry URL '" + u + "' is not a URL");
            }
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                    || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw new ConnectionSettingsException("the schema registry URL '" + u
                        + "' should start with http:// or https:// and name a host");
            }
            if (uri.getUserInfo() != null) {
                throw new ConnectionSettingsException("the schema registry URL '" + uri.getHost()
                        + "' carries credentials: give them as basic.auth.user.info instead, so they are not"
                        + " shown with the URL");
            }
            urls.add(uri);
        }
        return urls;
    }

    /**
     * Settings from the properties Confluent's serializers take, which our users already have:
     * {@code schema.registry.url}, {@code basic.auth.credentials.source=USER_INFO} with
     * {@code basic.auth.user.info=user:password}, {@code bearer.auth.token} (with
     * {@code bearer.auth.credentials.source=STATIC_TOKEN}, the default when a token is given), and the
     * {@code schema.registry.ssl.*} settings. Values may be secret references. {@code urls}, when not blank,
     * is used instead of {@code schema.registry.url} (the command line's {@code --schema-registry}).
     *
     * @throws ConnectionSettingsException in one sentence for a setting that cannot be used
     */
    public static RegistrySettings fromProperties(Map<String, String> properties, String urls) {
        Map<String, String> p = new LinkedHashMap<>();
        properties.forEach((k, v) -> p.put(k.strip(), v == null ? "" : v.strip()));
        List<URI> list = parseUrls(urls != null && !urls.isBlank() ? urls : p.getOrDefault("schema.registry.url", ""));
        Auth auth = Auth.NONE;
        String user = "";
        Secret password = Secret.NONE;
        Secret token = Secret.NONE;
        String source = p.getOrDefault("basic.auth.credentials.source", "").toUpperCase(Locale.ROOT);
        String userInfo = p.getOrDefault("basic.auth.user.info", p.getOrDefault("schema.registry.basic.auth.user.info", ""));
        if (!userInfo.isEmpty() && (source.isEmpty() || source.equals("USER_INFO"))) {
            int colon = userInfo.indexOf(':');
            if (colon <= 0 && !userInfo.startsWith("${")) {
                throw new ConnectionSettingsException("basic.auth.user.info should be user:password");
            }
            auth = Auth.BASIC;
            if (colon > 0 && !userInfo.substring(0, colon).contains("${")) {
                user = userInfo.substring(0, colon);
                password = Secret.of(userInfo.substring(colon + 1));
            } else {
                // a reference to the whole user:password (${file:…}, whose own colon is no separator), or to the user
                // too (${env:U}:${env:P}): split once resolved
                password = Secret.of(userInfo);
            }
        } else if (!source.isEmpty() && !source.equals("USER_INFO")) {
            throw new ConnectionSettingsException("basic.auth.credentials.source=" + source + " is not supported;"
                    + " use USER_INFO with basic.auth.user.info=user:password");
        }
        String bearerSource = p.getOrDefault("bearer.auth.credentials.source", "").toUpperCase(Locale.ROOT);
        String bearer = p.getOrDefault("bearer.auth.token", "");
        if (!bearer.isEmpty()) {
            if (!bearerSource.isEmpty() && !bearerSource.equals("STATIC_TOKEN")) {
                throw new ConnectionSettingsException("bearer.auth.credentials.source=" + bearerSource
                        + " is not supported; use STATIC_TOKEN with bearer.auth.token");
            }
            if (auth == Auth.BASIC) {
                throw new ConnectionSettingsException("give either basic.auth.user.info or bearer.auth.token, not both");
            }
            auth = Auth.BEARER;
            token = Secret.of(bearer);
        }
        KafkaSecurity.Store trust = store(p, "truststore");
        KafkaSecurity.Store key = store(p, "keystore");
        Secret keyPassword = Secret.of(p.getOrDefault("schema.registry.ssl.key.password", ""));
        boolean verify = !p.containsKey("schema.registry.ssl.endpoint.identification.algorithm")
                || !p.get("schema.registry.ssl.endpoint.identification.algorithm").isEmpty();
        return new RegistrySettings(list, auth, user, password, token, trust, key, keyPassword, verify);
    }

    private static KafkaSecurity.Store store(Map<String, String> p, String which) {
        String location = p.getOrDefault("schema.registry.ssl." + which + ".location", "");
        if (location.isEmpty()) {
            return null;
        }
        return new KafkaSecurity.Store(Path.of(location), p.get("schema.registry.ssl." + which + ".type"),
                Secret.of(p.getOrDefault("schema.registry.ssl." + which + ".password", "")));
    }

    /** The URLs as a user gives them: comma-separated. */
    public String urlsText() {
        return String.join(",", urls.stream().map(URI::toString).toList());
    }

    @Override
    public String toString() {
        return "RegistrySettings[" + urls + ", " + auth + (trustStore != null ? ", trust store" : "")
                + (keyStore != null ? ", key store" : "") + "]";
    }
}
