package dev.highwater.ui.shell;

/**
 * What the status bar says about the connection.
 *
 * @param kafkaUp null while unknown
 * @param grpcUp  null while unknown or when there is no gRPC target
 * @param detail  traffic and blocks for the demo; broker count or the problem for a cluster
 */
public record ConnectionStatus(String label, String kafka, String grpc, Boolean kafkaUp, Boolean grpcUp,
                               String detail) {

    static ConnectionStatus starting() {
        return new ConnectionStatus("Starting the embedded demo…", null, null, null, null, "");
    }

    /** A step of the demo's start, said while it runs (the broker, the gRPC service, the traffic, …). */
    static ConnectionStatus starting(String step) {
        return new ConnectionStatus("Starting the embedded demo: " + step + "…", null, null, null, null, "");
    }

    static ConnectionStatus stopping() {
        return new ConnectionStatus("Stopping…", null, null, null, null, "");
    }

    static ConnectionStatus none(String why) {
        return new ConnectionStatus("Not connected", null, null, null, null, why);
    }
}
