package dev.highwater.ui.grpc;

import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.MetadataHeaders;
import dev.highwater.core.connect.TransportSecurity;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.time.Duration;

/** The workbench's connection fields, as typed; {@link #settings()} checks them and says what is wrong. */
public final class ConnectionForm {

    private final StringProperty target = new SimpleStringProperty("");
    private final ObjectProperty<TransportSecurity> security = new SimpleObjectProperty<>(TransportSecurity.PLAINTEXT);
    private final StringProperty caFile = new SimpleStringProperty("");
    private final StringProperty certFile = new SimpleStringProperty("");
    private final StringProperty keyFile = new SimpleStringProperty("");
    private final StringProperty storePassword = new SimpleStringProperty("");
    private final StringProperty authority = new SimpleStringProperty("");
    private final StringProperty headers = new SimpleStringProperty("");
    private final StringProperty deadlineSeconds = new SimpleStringProperty("10");
    private final StringProperty keepaliveSeconds = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty deadlineOnStreams =
            new javafx.beans.property.SimpleBooleanProperty(false);

    public StringProperty target() {
        return target;
    }

    public ObjectProperty<TransportSecurity> security() {
        return security;
    }

    public StringProperty caFile() {
        return caFile;
    }

    public StringProperty certFile() {
        return certFile;
    }

    public StringProperty keyFile() {
        return keyFile;
    }

    public StringProperty storePassword() {
        return storePassword;
    }

    public StringProperty authority() {
        return authority;
    }

    /** "name: value" per line. */
    public StringProperty headers() {
        return headers;
    }

    /** Blank: no deadline. */
    public StringProperty deadlineSeconds() {
        return deadlineSeconds;
    }

    /** Whether server and bidi streams end at the deadline too (by default they run until ended). */
    public javafx.beans.property.BooleanProperty deadlineOnStreams() {
        return deadlineOnStreams;
    }

    /** Blank: no keepalive pings. */
    public StringProperty keepaliveSeconds() {
        return keepaliveSeconds;
    }

    /** @throws IllegalArgumentException with one sentence naming the field that is wrong */
    public ChannelSettings settings() {
        String t = target.get() == null ? "" : target.get().strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Enter the target as host:port.");
        }
        Duration deadline = seconds(deadlineSeconds.get(), "The deadline");
        Duration keepalive = seconds(keepaliveSeconds.get(), "The keepalive interval");
        TransportSecurity s = security.get();
        if (s == TransportSecurity.MUTUAL_TLS && path(certFile.get()) == null) {
            throw new IllegalArgumentException("Mutual TLS needs a client certificate: a PEM file with its key, or a "
                    + "PKCS12 key store.");
        }
        boolean tls = s != TransportSecurity.PLAINTEXT;
        return new ChannelSettings(t, s, tls ? path(caFile.get()) : null,
                s == TransportSecurity.MUTUAL_TLS ? path(certFile.get()) : null,
                s == TransportSecurity.MUTUAL_TLS ? path(keyFile.get()) : null,
                blankToNull(storePassword.get()), blankToNull(authority.get()), MetadataHeaders.parse(headers.get()),
                keepalive, keepalive == null ? null : Duration.ofSeconds(20), deadline, deadlineOnStreams.get());
    }

    private static Duration seconds(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text.strip());
            if (v > 0 && v <= 86_400) {
                return Duration.ofMillis(Math.round(v * 1000));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(what + " must be a number of seconds, more than 0 (or blank for none).");
    }

    private static Path path(String text) {
        return text == null || text.isBlank() ? null : Path.of(text.strip());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
