package dev.highwater.core.connect;

/** How a channel protects its connection. */
public enum TransportSecurity {
    PLAINTEXT("Plaintext"), TLS("TLS"), MUTUAL_TLS("Mutual TLS");

    private final String label;

    TransportSecurity(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
