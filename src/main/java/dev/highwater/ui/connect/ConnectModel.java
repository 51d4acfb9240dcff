package dev.highwater.ui.connect;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "Connect to a cluster" form: bootstrap servers and an optional gRPC target, checked as they are typed,
 * one sentence per problem. Security settings (SSL, SASL) are not offered here yet.
 */
public final class ConnectModel {

    private final StringProperty bootstrap = new SimpleStringProperty("");
    private final StringProperty grpcTarget = new SimpleStringProperty("");
    private final StringBinding problem = Bindings.createStringBinding(
            () -> problem(bootstrap.get(), grpcTarget.get()).orElse(null), bootstrap, grpcTarget);
    private final BooleanBinding valid = problem.isNull();

    public StringProperty bootstrapProperty() {
        return bootstrap;
    }

    public StringProperty grpcTargetProperty() {
        return grpcTarget;
    }

    /** What is wrong with the form, null when it can be submitted. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** The bootstrap list as Kafka wants it: trimmed entries joined by commas. */
    public String normalizedBootstrap() {
        return String.join(",", entries(bootstrap.get()));
    }

    public String normalizedGrpcTarget() {
        return grpcTarget.get() == null ? "" : grpcTarget.get().strip();
    }

    static Optional<String> problem(String bootstrapList, String grpc) {
        List<String> entries = entries(bootstrapList);
        if (entries.isEmpty()) {
            return Optional.of("Enter the bootstrap servers, e.g. broker1:9092,broker2:9092.");
        }
        for (String e : entries) {
            Optional<String> p = hostPortProblem(e, "Bootstrap server");
            if (p.isPresent()) {
                return p;
            }
        }
        if (grpc != null && !grpc.isBlank()) {
            return hostPortProblem(grpc.strip(), "gRPC target");
        }
        return Optional.empty();
    }

    private static List<String> entries(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    static Optional<String> hostPortProblem(String entry, String what) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            return Optional.of(what + " '" + entry + "' needs host:port, e.g. " + (what.startsWith("gRPC")
                    ? "localhost:50051." : "broker1:9092."));
        }
        String host = entry.substring(0, colon);
        if (host.startsWith("[") != host.endsWith("]") || host.chars().anyMatch(Character::isWhitespace)
                || host.contains("/")) {
            return Optional.of(what + " '" + entry + "' has a malformed host '" + host + "'.");
        }
        String port = entry.substring(colon + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                return Optional.of(what + " '" + entry + "': port " + p + " is not between 1 and 65535.");
            }
        } catch (NumberFormatException e) {
            return Optional.of(what + " '" + entry + "': port '" + port + "' is not a number.");
        }
        return Optional.empty();
    }
}
