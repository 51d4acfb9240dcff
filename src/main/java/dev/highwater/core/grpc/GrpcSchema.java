package dev.highwater.core.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.highwater.core.schema.SchemaCatalog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The services and types one schema source knows (a target's reflection, descriptor sets, .proto folders), looked
 * up by full name as grpcurl names them: {@code pkg.Service}, {@code pkg.Service/Method} or
 * {@code pkg.Service.Method}, {@code pkg.Message}, {@code pkg.Message.Nested}.
 */
public final class GrpcSchema {

    private final String origin;
    private final Map<String, ServiceDescriptor> services = new TreeMap<>();
    private final Map<String, GenericDescriptor> types = new LinkedHashMap<>();

    /**
     * @param origin  where the types come from, for messages (the target, or the files' paths)
     * @param sources the files, with the files they import
     */
    public GrpcSchema(String origin, List<SchemaCatalog.Source> sources) {
        this.origin = origin;
        Map<String, FileDescriptor> files = new LinkedHashMap<>();
        Deque<FileDescriptor> todo = new ArrayDeque<>();
        sources.forEach(s -> todo.addAll(s.files()));
        while (!todo.isEmpty()) {
            FileDescriptor f = todo.poll();
            if (files.putIfAbsent(f.getFullName(), f) == null) {
                todo.addAll(f.getDependencies());
            }
        }
        for (FileDescriptor f : files.values()) {
            f.getServices().forEach(s -> services.putIfAbsent(s.getFullName(), s));
            f.getMessageTypes().forEach(this::addType);
            f.getEnumTypes().forEach(e -> types.putIfAbsent(e.getFullName(), e));
        }
    }

    private void addType(Descriptor m) {
        types.putIfAbsent(m.getFullName(), m);
        m.getNestedTypes().forEach(this::addType);
        m.getEnumTypes().forEach(e -> types.putIfAbsent(e.getFullName(), e));
    }

    /** Where the types come from, as given. */
    public String origin() {
        return origin;
    }

    /** The services' full names, sorted. */
    public List<String> serviceNames() {
        return List.copyOf(services.keySet());
    }

    /**
     * @throws IllegalArgumentException naming the services there are, when there is no such service
     */
    public ServiceDescriptor service(String name) {
        ServiceDescriptor s = services.get(bare(name));
        if (s == null) {
            throw new IllegalArgumentException(origin + " has no service " + bare(name) + " (its services: "
                    + listed(serviceNames()) + ").");
        }
        return s;
    }

    /**
     * A method named {@code pkg.Service/Method} or {@code pkg.Service.Method}.
     *
     * @throws IllegalArgumentException naming the services or methods there are, when there is no such method
     */
    public MethodDescriptor method(String name) {
        String n = bare(name);
        int cut = n.indexOf('/') >= 0 ? n.lastIndexOf('/') : n.lastIndexOf('.');
        if (cut <= 0 || cut == n.length() - 1) {
            throw new IllegalArgumentException("'" + name + "' is not a method: give it as package.Service/Method.");
        }
        ServiceDescriptor s = service(n.substring(0, cut));
        MethodDescriptor m = s.findMethodByName(n.substring(cut + 1));
        if (m == null) {
            throw new IllegalArgumentException(s.getFullName() + " has no method " + n.substring(cut + 1)
                    + " (its methods: " + listed(s.getMethods().stream().map(MethodDescriptor::getName).toList())
                    + ").");
        }
        return m;
    }

    /** A service, method, message or enum by its full name; empty when there is none. */
    public Optional<GenericDescriptor> symbol(String name) {
        String n = bare(name);
        if (services.containsKey(n)) {
            return Optional.of(services.get(n));
        }
        if (types.containsKey(n)) {
            return Optional.of(types.get(n));
        }
        int cut = n.indexOf('/') >= 0 ? n.lastIndexOf('/') : n.lastIndexOf('.');
        if (cut > 0 && services.containsKey(n.substring(0, cut))) {
            return Optional.ofNullable(services.get(n.substring(0, cut)).findMethodByName(n.substring(cut + 1)));
        }
        return Optional.empty();
    }

    private static String bare(String name) {
        String n = name.strip();
        return n.startsWith(".") || n.startsWith("/") ? n.substring(1) : n;
    }

    private static String listed(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
