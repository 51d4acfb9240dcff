package dev.highwater.core.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cluster and gRPC backend the console can connect to, with its security and client properties. Every
 * profile starts read-only: writing actions (offset resets) stay off until the user makes it writable, and are
 * confirmed each time even then. The embedded demo is always one of the profiles.
 *
 * @param name             what the user calls it (unique)
 * @param bootstrap        Kafka bootstrap servers
 * @param security         protocol, SASL and TLS settings
 * @param clientProperties further Kafka client properties (values may hold secret references)
 * @param grpcTarget       host:port of the gRPC backend, or empty
 * @param grpcTls          how to reach the gRPC backend
 * @param registry         the schema registry of this cluster ({@link RegistrySettings#NONE} when it has none)
 * @param writable         writing actions allowed (after a confirmation each time)
 * @param demo             the embedded demo's profile (its addresses are those the demo started on)
 * @param webhook          where the profile's alerts are posted as JSON (blank: nowhere); a URL, or a reference
 *                         such as {@code ${env:ALERTS_WEBHOOK}}, since a chat webhook's URL holds its token
 */
public record ConnectionProfile(String name, String bootstrap, KafkaSecurity security,
                                Map<String, String> clientProperties, String grpcTarget, GrpcTls grpcTls,
                                RegistrySettings registry, boolean writable, boolean demo,
                                Secret webhook) {

    public static final String DEMO_NAME = "Embedded demo";

    public ConnectionProfile {
        name = name == null ? "" : name.strip();
        bootstrap = BootstrapList.normalized(bootstrap);
        security = security == null ? KafkaSecurity.PLAINTEXT : security;
        clientProperties = Map.copyOf(clientProperties == null ? Map.of() : clientProperties);
        grpcTarget = grpcTarget == null ? "" : grpcTarget.strip();
        grpcTls = grpcTls == null ? GrpcTls.PLAINTEXT : grpcTls;
        registry = registry == null ? RegistrySettings.NONE : registry;
        webhook = webhook == null ? Secret.NONE : new Secret(webhook.text().strip(), webhook.remember());
    }

    /** A profile without a webhook. */
    public ConnectionProfile(String name, String bootstrap, KafkaSecurity security,
                             Map<String, String> clientProperties, String grpcTarget, GrpcTls grpcTls,
                             RegistrySettings registry, boolean writable, boolean demo) {
        this(name, bootstrap, security, clientProperties, grpcTarget, grpcTls, registry, writable, demo, Secret.NONE);
    }

    /** A plaintext, read-only profile. */
    public static ConnectionProfile plain(String name, String bootstrap, String grpcTarget) {
        return new ConnectionProfile(name, bootstrap, KafkaSecurity.PLAINTEXT, Map.of(), grpcTarget,
                GrpcTls.PLAINTEXT, RegistrySettings.NONE, false, false);
    }

    /** The embedded demo on the addresses it started on; read-only like every profile until made writable. */
    public static ConnectionProfile demo(String bootstrap, String grpcTarget, boolean writable) {
        return new ConnectionProfile(DEMO_NAME, bootstrap, KafkaSecurity.PLAINTEXT, Map.of(), grpcTarget,
                GrpcTls.PLAINTEXT, RegistrySettings.NONE, writable, true);
    }

    public ConnectionProfile withWritable(boolean w) {
        return new ConnectionProfile(name, bootstrap, security, clientProperties, grpcTarget, grpcTls, registry, w,
                demo, webhook);
    }

    /** This profile with another schema registry (the demo's, once it has started one). */
    public ConnectionProfile withRegistry(RegistrySettings r) {
        return new ConnectionProfile(name, bootstrap, security, clientProperties, grpcTarget, grpcTls, r, writable,
                demo, webhook);
    }

    /** This profile with another webhook for its alerts. */
    public ConnectionProfile withWebhook(Secret w) {
        return new ConnectionProfile(name, bootstrap, security, clientProperties, grpcTarget, grpcTls, registry,
                writable, demo, w);
    }

    /**
     * The Kafka client properties of this profile, secrets resolved: the user's properties (references in
     * their values resolved), then the security settings over them.
     */
    public Map<String, String> kafkaProperties(SecretResolver secrets) {
        Map<String, String> p = new LinkedHashMap<>();
        clientProperties.forEach((k, v) -> p.put(k, secrets.resolveIn(v, "the client property " + k
                + " of profile " + name)));
        if (security.protocol() != KafkaSecurity.Protocol.PLAINTEXT || !p.containsKey("security.protocol")) {
            p.putAll(security.clientProperties(secrets, name));
        }
        return p;
    }

    @Override
    public String toString() {
        return "ConnectionProfile[" + name + ", " + bootstrap + ", " + security.protocol()
                + (writable ? ", writable" : ", read-only") + "]";
    }
}
