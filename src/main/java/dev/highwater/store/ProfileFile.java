package dev.highwater.store;

import dev.highwater.core.StoreException;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.GrpcTls;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.connect.ProfileRepository;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.connect.TransportSecurity;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Profiles in a properties file in the user's data folder ({@code profile.N.field=value}), readable by its
 * owner only. A secret is written only as a reference or when the user asked to remember its value; a session
 * value is left out; a webhook URL is a secret under the same rule (the form remembers a typed one). Writes go
 * to a temporary file moved over the old one, so a crash leaves the old file whole.
 */
public final class ProfileFile implements ProfileRepository {

    private final Path file;

    public ProfileFile(Path file) {
        this.file = file;
    }

    @Override
    public List<ConnectionProfile> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException("The profiles file " + file + " cannot be read (" + e.getMessage()
                    + "); fix or remove it.", e);
        }
        List<ConnectionProfile> out = new ArrayList<>();
        for (int i = 0; p.containsKey("profile." + i + ".name"); i++) {
            out.add(read(p, "profile." + i + "."));
        }
        return out;
    }

    @Override
    public void save(List<ConnectionProfile> profiles) {
        Properties p = new Properties();
        int i = 0;
        for (ConnectionProfile profile : profiles) {
            if (!profile.demo()) {
                write(p, "profile." + i++ + ".", profile);
            }
        }
        try {
            OwnerOnlyFiles.createFolders(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp); // one left by a crash may be readable by others: made anew, owner-only
            Files.createFile(tmp, OwnerOnlyFiles.fileAttributes(tmp));
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Highwater connection profiles");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StoreException("The profiles cannot be saved to " + file + ": " + e.getMessage(), e);
        }
    }

    private static ConnectionProfile read(Properties p, String prefix) {
        KafkaSecurity security = new KafkaSecurity(
                enumOr(KafkaSecurity.Protocol.class, p.getProperty(prefix + "security.protocol"),
                        KafkaSecurity.Protocol.PLAINTEXT),
                enumOr(KafkaSecurity.Mechanism.class, p.getProperty(prefix + "sasl.mechanism"),
                        KafkaSecurity.Mechanism.PLAIN),
                p.getProperty(prefix + "sasl.username", ""), secret(p, prefix + "sasl.password"),
                store(p, prefix + "truststore."), store(p, prefix + "keystore."));
        Map<String, String> client = new LinkedHashMap<>();
        String cp = prefix + "client.";
        p.stringPropertyNames().stream().filter(k -> k.startsWith(cp)).sorted()
                .forEach(k -> client.put(k.substring(cp.length()), p.getProperty(k)));
        GrpcTls grpcTls = new GrpcTls(enumOr(TransportSecurity.class, p.getProperty(prefix + "grpc.tls"),
                TransportSecurity.PLAINTEXT), path(p, prefix + "grpc.ca"), path(p, prefix + "grpc.cert"),
                path(p, prefix + "grpc.key"));
        return new ConnectionProfile(p.getProperty(prefix + "name"), p.getProperty(prefix + "bootstrap", ""),
                security, client, p.getProperty(prefix + "grpc.target", ""), grpcTls, registry(p, prefix + "registry."),
                Boolean.parseBoolean(p.getProperty(prefix + "writable", "false")), false, secret(p, prefix + "webhook"));
    }

    private static void write(Properties p, String prefix, ConnectionProfile c) {
        p.setProperty(prefix + "name", c.name());
        p.setProperty(prefix + "bootstrap", c.bootstrap());
        p.setProperty(prefix + "writable", Boolean.toString(c.writable()));
        KafkaSecurity s = c.security();
        p.setProperty(prefix + "security.protocol", s.protocol().name());
        p.setProperty(prefix + "sasl.mechanism", s.mechanism().name());
        p.setProperty(prefix + "sasl.username", s.username());
        putSecret(p, prefix + "sasl.password", s.password());
        putStore(p, prefix + "truststore.", s.trustStore());
        putStore(p, prefix + "keystore.", s.keyStore());
        c.clientProperties().forEach((k, v) -> p.setProperty(prefix + "client." + k, v));
        p.setProperty(prefix + "grpc.target", c.grpcTarget());
        p.setProperty(prefix + "grpc.tls", c.grpcTls().mode().name());
        putPath(p, prefix + "grpc.ca", c.grpcTls().caPem());
        putPath(p, prefix + "grpc.cert", c.grpcTls().certPem());
        putPath(p, prefix + "grpc.key", c.grpcTls().keyPem());
        putRegistry(p, prefix + "registry.", c.registry());
        putSecret(p, prefix + "webhook", c.webhook());
    }

    /** The registry's settings, its secrets under the same rule as Kafka's: references always, values if asked. */
    private static void putRegistry(Properties p, String prefix, RegistrySettings r) {
        if (!r.present()) {
            return;
        }
        p.setProperty(prefix + "urls", r.urls().stream().map(URI::toString).collect(Collectors.joining(",")));
        p.setProperty(prefix + "auth", r.auth().name());
        p.setProperty(prefix + "username", r.username());
        putSecret(p, prefix + "password", r.password());
        putSecret(p, prefix + "token", r.token());
        putStore(p, prefix + "truststore.", r.trustStore());
        putStore(p, prefix + "keystore.", r.keyStore());
        putSecret(p, prefix + "key.password", r.keyPassword());
        p.setProperty(prefix + "verify.hostname", Boolean.toString(r.verifyHostname()));
    }

    private static RegistrySettings registry(Properties p, String prefix) {
        String urls = p.getProperty(prefix + "urls", "");
        if (urls.isBlank()) {
            return RegistrySettings.NONE;
        }
        List<URI> list;
        try {
            list = RegistrySettings.parseUrls(urls);
        } catch (ConnectionSettingsException e) {
            throw new StoreException("The profiles file has a schema registry setting that cannot be used ("
                    + e.getMessage() + "); fix it in the file.", e);
        }
        return new RegistrySettings(list, enumOr(RegistrySettings.Auth.class, p.getProperty(prefix + "auth"),
                RegistrySettings.Auth.NONE), p.getProperty(prefix + "username", ""), secret(p, prefix + "password"),
                secret(p, prefix + "token"), store(p, prefix + "truststore."), store(p, prefix + "keystore."),
                secret(p, prefix + "key.password"),
                Boolean.parseBoolean(p.getProperty(prefix + "verify.hostname", "true")));
    }

    private static void putSecret(Properties p, String key, Secret s) {
        if (s != null && !s.isEmpty() && s.storable()) {
            p.setProperty(key, s.text());
            p.setProperty(key + ".remember", Boolean.toString(s.remember()));
        }
    }

    private static Secret secret(Properties p, String key) {
        return new Secret(p.getProperty(key, ""), Boolean.parseBoolean(p.getProperty(key + ".remember", "false")));
    }

    private static void putStore(Properties p, String prefix, KafkaSecurity.Store s) {
        if (s != null && s.file() != null) {
            p.setProperty(prefix + "file", s.file().toString());
            p.setProperty(prefix + "type", s.type());
            putSecret(p, prefix + "password", s.password());
        }
    }

    private static KafkaSecurity.Store store(Properties p, String prefix) {
        Path f = path(p, prefix + "file");
        return f == null ? null : new KafkaSecurity.Store(f, p.getProperty(prefix + "type"), secret(p, prefix + "password"));
    }

    private static void putPath(Properties p, String key, Path path) {
        if (path != null) {
            p.setProperty(key, path.toString());
        }
    }

    private static Path path(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? null : Path.of(v);
    }

    private static <E extends Enum<E>> E enumOr(Class<E> type, String value, E fallback) {
        try {
            return value == null ? fallback : Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
