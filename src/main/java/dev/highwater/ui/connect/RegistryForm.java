package dev.highwater.ui.connect;

import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.RegistrySettings.Auth;
import dev.highwater.core.connect.Secret;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The "Schema registry" part of the profile form: its URLs, credentials and TLS stores. Secrets follow the Kafka
 * password's rule (the profile form's "remember" choice), and what the form does not show (host name checking,
 * a key password of its own) is kept from the profile shown.
 */
public final class RegistryForm {

    private final StringProperty urls = new SimpleStringProperty("");
    private final ObjectProperty<Auth> auth = new SimpleObjectProperty<>(Auth.NONE);
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty trustStore = new SimpleStringProperty("");
    private final StringProperty trustStorePassword = new SimpleStringProperty("");
    private final StringProperty keyStore = new SimpleStringProperty("");
    private final StringProperty keyStorePassword = new SimpleStringProperty("");
    private RegistrySettings shown = RegistrySettings.NONE;

    /** One URL, or several separated by commas (tried in turn). */
    public StringProperty urlsProperty() {
        return urls;
    }

    public ObjectProperty<Auth> authProperty() {
        return auth;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    /** For basic auth: a password, or a reference such as ${env:REGISTRY_PASS}. */
    public StringProperty passwordProperty() {
        return password;
    }

    /** For bearer auth: a token, or a reference. */
    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty trustStoreProperty() {
        return trustStore;
    }

    public StringProperty trustStorePasswordProperty() {
        return trustStorePassword;
    }

    public StringProperty keyStoreProperty() {
        return keyStore;
    }

    public StringProperty keyStorePasswordProperty() {
        return keyStorePassword;
    }

    /** What the form's problem depends on. */
    Observable[] dependencies() {
        return new Observable[] {urls, auth, username, password, token, trustStore, keyStore};
    }

    /** Shows a profile's registry. */
    void show(RegistrySettings r) {
        shown = r;
        urls.set(String.join(",", r.urls().stream().map(Object::toString).toList()));
        auth.set(r.auth());
        username.set(r.username());
        password.set(r.password().text());
        token.set(r.token().text());
        trustStore.set(r.trustStore() == null ? "" : r.trustStore().file().toString());
        trustStorePassword.set(r.trustStore() == null ? "" : r.trustStore().password().text());
        keyStore.set(r.keyStore() == null ? "" : r.keyStore().file().toString());
        keyStorePassword.set(r.keyStore() == null ? "" : r.keyStore().password().text());
    }

    /**
     * The settings the form describes ({@link RegistrySettings#NONE} without a URL); secrets typed are stored
     * only when {@code remember}.
     *
     * @throws ConnectionSettingsException for a URL that cannot be used (see {@link #problem()})
     */
    RegistrySettings settings(boolean remember) {
        if (blank(urls.get())) {
            return RegistrySettings.NONE;
        }
        Auth a = auth.get() == null ? Auth.NONE : auth.get();
        return new RegistrySettings(RegistrySettings.parseUrls(urls.get()), a,
                a == Auth.BASIC ? username.get() : "",
                a == Auth.BASIC ? new Secret(password.get(), remember) : Secret.NONE,
                a == Auth.BEARER ? new Secret(token.get(), remember) : Secret.NONE,
                store(trustStore.get(), trustStorePassword.get(), remember),
                store(keyStore.get(), keyStorePassword.get(), remember),
                shown.keyPassword().isEmpty() ? Secret.NONE : new Secret(shown.keyPassword().text(), remember),
                shown.verifyHostname());
    }

    /** What is wrong with the registry part of the form, in one sentence, or empty. */
    Optional<String> problem() {
        if (blank(urls.get())) {
            boolean something = auth.get() != Auth.NONE || !blank(trustStore.get()) || !blank(keyStore.get());
            return something ? Optional.of("Give the schema registry's URL, or clear its other settings.")
                    : Optional.empty();
        }
        try {
            RegistrySettings.parseUrls(urls.get());
        } catch (ConnectionSettingsException e) {
            return Optional.of(sentence(e.getMessage()));
        }
        if (auth.get() == Auth.BASIC && blank(username.get())) {
            return Optional.of("Basic auth to the schema registry needs a user name.");
        }
        if (auth.get() == Auth.BASIC && blank(password.get())) {
            return Optional.of("Basic auth to the schema registry needs a password, or a reference such as"
                    + " ${env:REGISTRY_PASS}.");
        }
        if (auth.get() == Auth.BEARER && blank(token.get())) {
            return Optional.of("Bearer auth to the schema registry needs a token, or a reference such as"
                    + " ${env:REGISTRY_TOKEN}.");
        }
        return Optional.empty();
    }

    private static String sentence(String s) {
        String t = s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }

    private static KafkaSecurity.Store store(String file, String pass, boolean remember) {
        return blank(file) ? null : new KafkaSecurity.Store(Path.of(file.strip()), null, new Secret(pass, remember));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
