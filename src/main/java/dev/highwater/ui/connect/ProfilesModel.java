package dev.highwater.ui.connect;

import dev.highwater.core.connect.BootstrapList;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.GrpcTls;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.core.connect.KafkaSecurity.Mechanism;
import dev.highwater.core.connect.KafkaSecurity.Protocol;
import dev.highwater.core.connect.ProfileRepository;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.connect.TransportSecurity;
import dev.highwater.ui.UiThread;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The connection profiles and the form of the selected one: the embedded demo (always there, its addresses
 * its own) and the user's clusters with their security. Lives as long as the window, so a password typed for
 * the running app only is still there the next time the dialog opens, while the file never holds it.
 */
public final class ProfilesModel {

    private final ProfileRepository repository;
    private final Executor background;
    private final UiThread ui;
    private CompletableFuture<Void> fileWork; // reads and writes of the file, one after another; UI thread

    // Properties
    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ConnectionProfile> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper demoSelected = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper storeProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty bootstrap = new SimpleStringProperty("");
    private final ObjectProperty<Protocol> protocol = new SimpleObjectProperty<>(Protocol.PLAINTEXT);
    private final ObjectProperty<Mechanism> mechanism = new SimpleObjectProperty<>(Mechanism.SCRAM_SHA_256);
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty rememberPasswords = new SimpleBooleanProperty();
    private final StringProperty trustStore = new SimpleStringProperty("");
    private final StringProperty trustStorePassword = new SimpleStringProperty("");
    private final StringProperty keyStore = new SimpleStringProperty("");
    private final StringProperty keyStorePassword = new SimpleStringProperty("");
    private final StringProperty clientProperties = new SimpleStringProperty("");
    private final StringProperty grpcTarget = new SimpleStringProperty("");
    private final ObjectProperty<TransportSecurity> grpcMode = new SimpleObjectProperty<>(TransportSecurity.PLAINTEXT);
    private final StringProperty grpcCa = new SimpleStringProperty("");
    private final StringProperty grpcCert = new SimpleStringProperty("");
    private final StringProperty grpcKey = new SimpleStringProperty("");
    private final RegistryForm registry = new RegistryForm();
    private final BooleanProperty writable = new SimpleBooleanProperty();
    private final WebhookForm alerts;
    private final StringBinding problem;
    private final BooleanBinding valid;

    /**
     * @param demo       the embedded demo's profile as it is now (its addresses, whether it is writable)
     * @param background where the profiles file is read and written: never the UI thread
     * @param ui         where what was read is shown
     */
    public ProfilesModel(ProfileRepository repository, ConnectionProfile demo, Executor background, UiThread ui) {
        this(repository, demo, background, ui, null);
    }

    /**
     * @param alertTest sends a test alert to a profile's webhook and the desktop's notifications and says how it
     *                  went, one sentence a channel; run on {@code background}; null when alerts do not leave the app
     */
    public ProfilesModel(ProfileRepository repository, ConnectionProfile demo, Executor background, UiThread ui,
                         Function<ConnectionProfile, List<String>> alertTest) {
        this.repository = repository;
        this.alerts = new WebhookForm(alertTest, background, ui);
        this.background = background;
        this.ui = ui;
        profiles.add(demo);
        List<Observable> inputs = new ArrayList<>(List.of(name, bootstrap, protocol,
                username, trustStore, keyStore, clientProperties, grpcTarget, grpcMode, grpcCert, grpcKey,
                alerts.urlProperty(), demoSelected, loaded));
        inputs.addAll(List.of(registry.dependencies()));
        problem = Bindings.createStringBinding(() -> formProblem().orElse(null),
                inputs.toArray(Observable[]::new));
        valid = problem.isNull();
        select(demo);
        fileWork = CompletableFuture.runAsync(this::load, background);
    }

    // ---- Properties

    public ObservableList<ConnectionProfile> profiles() {
        return FXCollections.unmodifiableObservableList(profiles);
    }

    public ReadOnlyObjectProperty<ConnectionProfile> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The demo's form: only "writable" can change; its addresses are the demo's own. */
    public ReadOnlyBooleanProperty demoSelectedProperty() {
        return demoSelected.getReadOnlyProperty();
    }

    /** The profiles file has been read (or found unreadable); until then nothing is saved over it. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** Why the profiles file could not be read or written, or null. */
    public ReadOnlyStringProperty storeProblemProperty() {
        return storeProblem.getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty bootstrapProperty() {
        return bootstrap;
    }

    public ObjectProperty<Protocol> protocolProperty() {
        return protocol;
    }

    public ObjectProperty<Mechanism> mechanismProperty() {
        return mechanism;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    /** A password, or a reference such as ${env:KAFKA_PASS} or ${file:/path}. */
    public StringProperty passwordProperty() {
        return password;
    }

    /** Store typed passwords in the profiles file (references are always stored: they hold no secret). */
    public BooleanProperty rememberPasswordsProperty() {
        return rememberPasswords;
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

    /** Further Kafka client properties, one key=value a line. */
    public StringProperty clientPropertiesProperty() {
        return clientProperties;
    }

    public StringProperty grpcTargetProperty() {
        return grpcTarget;
    }

    public ObjectProperty<TransportSecurity> grpcModeProperty() {
        return grpcMode;
    }

    public StringProperty grpcCaProperty() {
        return grpcCa;
    }

    public StringProperty grpcCertProperty() {
        return grpcCert;
    }

    public StringProperty grpcKeyProperty() {
        return grpcKey;
    }

    /** The profile's schema registry. */
    public RegistryForm registry() {
        return registry;
    }

    /** Where the profile's alerts go besides the screen, and the test alert. */
    public WebhookForm alerts() {
        return alerts;
    }

    public BooleanProperty writableProperty() {
        return writable;
    }

    /** What is wrong with the form, null when it can be saved and connected. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    // ---- Commands

    /** Shows a profile in the form. */
    public void select(ConnectionProfile p) {
        selected.set(p);
        demoSelected.set(p.demo());
        name.set(p.name());
        bootstrap.set(p.bootstrap());
        KafkaSecurity s = p.security();
        protocol.set(s.protocol());
        mechanism.set(s.mechanism());
        username.set(s.username());
        password.set(s.password().text());
        rememberPasswords.set(s.password().remember());
        trustStore.set(s.trustStore() == null ? "" : s.trustStore().file().toString());
        trustStorePassword.set(s.trustStore() == null ? "" : s.trustStore().password().text());
        keyStore.set(s.keyStore() == null ? "" : s.keyStore().file().toString());
        keyStorePassword.set(s.keyStore() == null ? "" : s.keyStore().password().text());
        StringBuilder props = new StringBuilder();
        p.clientProperties().forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        clientProperties.set(props.toString());
        grpcTarget.set(p.grpcTarget());
        grpcMode.set(p.grpcTls().mode());
        grpcCa.set(pathText(p.grpcTls().caPem()));
        grpcCert.set(pathText(p.grpcTls().certPem()));
        grpcKey.set(pathText(p.grpcTls().keyPem()));
        registry.show(p.registry());
        writable.set(p.writable());
        alerts.show(p.webhook());
    }

    /** An empty form for a new profile (read-only, like every new profile). */
    public void newProfile() {
        String base = "New cluster";
        String n = base;
        for (int i = 2; named(n).isPresent(); i++) {
            n = base + " " + i;
        }
        select(ConnectionProfile.plain(n, "", ""));
        selected.set(null);
    }

    /**
     * Saves the form as the selected profile (or a new one) and returns it; the file gets it without the
     * passwords typed for this run only.
     *
     * @throws IllegalArgumentException when another profile has that name
     */
    public ConnectionProfile save() {
        ConnectionProfile p = formProfile();
        ConnectionProfile old = selected.get();
        Optional<ConnectionProfile> clash = named(p.name());
        if (clash.isPresent() && clash.get() != old) {
            throw new IllegalArgumentException("A profile named " + p.name() + " exists already; choose another name.");
        }
        int index = old == null ? -1 : profiles.indexOf(old);
        if (index >= 0) {
            profiles.set(index, p);
        } else {
            profiles.add(p);
        }
        selected.set(p);
        persist();
        return p;
    }

    /** Deletes the selected profile (the demo's cannot be). */
    public void delete() {
        ConnectionProfile p = selected.get();
        if (p == null || p.demo()) {
            return;
        }
        profiles.remove(p);
        persist();
        select(profiles.getFirst());
    }

    /** The profile the form describes. */
    public ConnectionProfile formProfile() {
        ConnectionProfile current = selected.get();
        if (demoSelected.get() && current != null) {
            return current.withWritable(writable.get());
        }
        boolean remember = rememberPasswords.get();
        KafkaSecurity security = new KafkaSecurity(protocol.get(), mechanism.get(), username.get(),
                new Secret(password.get(), remember), store(trustStore.get(), trustStorePassword.get(), remember),
                store(keyStore.get(), keyStorePassword.get(), remember));
        GrpcTls tls = new GrpcTls(grpcMode.get(), path(grpcCa.get()), path(grpcCert.get()), path(grpcKey.get()));
        return new ConnectionProfile(name.get(), bootstrap.get(), security, parseProperties(clientProperties.get()),
                grpcTarget.get(), tls, registry.settings(remember), writable.get(), false, alerts.webhook());
    }

    /** Sends a test alert to the webhook in the form, saved or not, and to the desktop's notifications. */
    public void sendTestAlert() {
        ConnectionProfile p;
        try {
            p = formProfile();
        } catch (RuntimeException e) { // the rest of the form is not complete yet: its name and webhook will do
            p = ConnectionProfile.plain(name.get(), "", "").withWebhook(alerts.webhook());
        }
        alerts.sendTest(p);
    }

    /** Updates the demo's entry after the demo started on other addresses or changed its writable choice. */
    public void demoIs(ConnectionProfile demo) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).demo()) {
                boolean shown = selected.get() == profiles.get(i);
                profiles.set(i, demo);
                if (shown) {
                    select(demo);
                }
            }
        }
    }

    // ---- Internals

    /** On the background: reads the file, then shows its profiles after the demo's. */
    private void load() {
        List<ConnectionProfile> stored;
        try {
            stored = repository.load();
        } catch (RuntimeException e) {
            String m = e.getMessage();
            ui.post(() -> {
                storeProblem.set(m);
                loaded.set(true);
            });
            return;
        }
        ui.post(() -> {
            profiles.addAll(stored);
            loaded.set(true);
        });
    }

    /** Writes the profiles as they are now, after any earlier write, off the UI thread. */
    private void persist() {
        List<ConnectionProfile> now = List.copyOf(profiles);
        fileWork = fileWork.thenRunAsync(() -> {
            String problem;
            try {
                repository.save(now);
                problem = null;
            } catch (RuntimeException e) {
                problem = e.getMessage();
            }
            String p = problem;
            ui.post(() -> storeProblem.set(p));
        }, background);
    }

    private Optional<ConnectionProfile> named(String n) {
        return profiles.stream().filter(p -> p.name().equalsIgnoreCase(n.strip())).findFirst();
    }

    Optional<String> formProblem() {
        if (!loaded.get()) {
            return Optional.of("Reading your profiles…"); // a save before that would write over them
        }
        if (demoSelected.get()) {
            return Optional.empty();
        }
        if (blank(name.get())) {
            return Optional.of("Give the profile a name.");
        }
        Optional<String> p = BootstrapList.problem(bootstrap.get());
        if (p.isPresent()) {
            return p;
        }
        if (protocol.get().sasl() && blank(username.get())) {
            return Optional.of("SASL needs a user name.");
        }
        if (!protocol.get().tls() && (!blank(trustStore.get()) || !blank(keyStore.get()))) {
            return Optional.of("Trust and key stores are used with SSL or SASL_SSL only; choose one of those.");
        }
        try {
            parseProperties(clientProperties.get());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!blank(grpcTarget.get())) {
            p = BootstrapList.hostPortProblem(grpcTarget.get().strip(), "gRPC target");
            if (p.isPresent()) {
                return p;
            }
        }
        if (grpcMode.get() == TransportSecurity.MUTUAL_TLS && (blank(grpcCert.get()) || blank(grpcKey.get()))) {
            return Optional.of("Mutual TLS needs the client's certificate and key (PEM files).");
        }
        Optional<String> w = alerts.problem();
        return w.isPresent() ? w : registry.problem();
    }

    static Map<String, String> parseProperties(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = text == null ? List.of() : text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Client properties, line " + (i + 1) + ": write key=value.");
            }
            out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return out;
    }

    private static KafkaSecurity.Store store(String file, String pass, boolean remember) {
        return blank(file) ? null : new KafkaSecurity.Store(Path.of(file.strip()), null, new Secret(pass, remember));
    }

    private static Path path(String s) {
        return blank(s) ? null : Path.of(s.strip());
    }

    private static String pathText(Path p) {
        return p == null ? "" : p.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
