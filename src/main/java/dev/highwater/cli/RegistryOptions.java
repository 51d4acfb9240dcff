package dev.highwater.cli;

import dev.highwater.core.connect.RegistrySettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The schema registry options the commands that decode share (a picocli mixin): {@code --schema-registry
 * URL[,URL…]} and {@code --registry-config FILE}, a properties file with the names Confluent's clients use
 * ({@code basic.auth.user.info}, {@code bearer.auth.token}, {@code schema.registry.ssl.*}, …; values may be
 * {@code ${env:…}} or {@code ${file:…}} references).
 */
final class RegistryOptions {

    @Option(names = "--schema-registry", paramLabel = "URL[,URL…]",
            description = "schema registry (Confluent API; Apicurio: …/apis/ccompat/v7); several for failover")
    String urls;

    @Option(names = "--registry-config", paramLabel = "FILE",
            description = "schema registry client properties, as Confluent's clients take them")
    Path config;

    /** True when the user named a registry (by URL or in the file). */
    boolean given() {
        return settings().present();
    }

    /**
     * The registry settings; an unreadable file or a setting that cannot be used is one line (exit 1). Secret
     * references stay unresolved here: they are resolved when the registry is opened.
     */
    RegistrySettings settings() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (config != null) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(config)) {
                p.load(in);
            } catch (NoSuchFileException e) {
                throw new CommandFailure("the registry config file " + config + " does not exist");
            } catch (IOException e) {
                throw new CommandFailure("the registry config file " + config + " could not be read: " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> properties.put(k, p.getProperty(k)));
        }
        try {
            RegistrySettings s = RegistrySettings.fromProperties(properties, urls);
            if (config != null && !s.present()) {
                throw new CommandFailure("the registry config file " + config + " names no schema.registry.url;"
                        + " add it there or give --schema-registry");
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
