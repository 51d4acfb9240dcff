package dev.highwater.core.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.highwater.core.Subscription;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Protobuf types the console knows, from every schema source (the built-in proto/ files, a user's .proto
 * folder, descriptor sets, a gRPC backend's reflection), shared by the Messages and gRPC areas. Each source
 * replaces its own files when loaded again; a type in two sources resolves to the one loaded last.
 * Thread-safe: sources load on background threads, screens read from theirs.
 */
public final class SchemaCatalog {

    /** One loaded source: its name (a path, a target), what loaded and what did not. */
    public record Source(String name, List<FileDescriptor> files, List<String> problems) {
        public Source {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    /** The name of the built-in source: our own proto/ files, compiled into the app. */
    public static final String BUILT_IN = "built-in (proto/)";

    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** A catalog holding our own types (blockchain.*, ledger.*). */
    public static SchemaCatalog withBuiltIn() {
        SchemaCatalog c = new SchemaCatalog();
        c.put(new Source(BUILT_IN, List.of(dev.highwater.proto.blockchain.BlockchainIndexerProto.getDescriptor(),
                dev.highwater.proto.blockchain.TransactionProto.getDescriptor(),
                dev.highwater.proto.ledger.LedgerProto.getDescriptor()), List.of()));
        return c;
    }

    /** Adds or replaces a source; listeners hear of it on the calling thread. */
    public void put(Source source) {
        synchronized (this) {
            sources.remove(source.name());
            sources.put(source.name(), source);
        }
        listeners.forEach(Runnable::run);
    }

    public void remove(String sourceName) {
        boolean removed;
        synchronized (this) {
            removed = sources.remove(sourceName) != null;
        }
        if (removed) {
            listeners.forEach(Runnable::run);
        }
    }

    public synchronized List<Source> sources() {
        return List.copyOf(sources.values());
    }

    /** Every message type, sorted by full name, the last-loaded source winning on a clash. */
    public List<Descriptor> messageTypes() {
        Map<String, Descriptor> byName = new LinkedHashMap<>();
        for (FileDescriptor f : files()) {
            for (Descriptor d : f.getMessageTypes()) {
                addWithNested(d, byName);
            }
        }
        List<Descriptor> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(Descriptor::getFullName));
        return all;
    }

    /** The message type of that full name (package.Message or package.Outer.Inner). */
    public Optional<Descriptor> messageType(String fullName) {
        Descriptor found = null;
        for (FileDescriptor f : files()) {
            for (Descriptor d : f.getMessageTypes()) {
                Descriptor n = findIn(d, fullName);
                if (n != null) {
                    found = n; // later sources win
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every service, sorted by full name. */
    public List<ServiceDescriptor> services() {
        Map<String, ServiceDescriptor> byName = new LinkedHashMap<>();
        for (FileDescriptor f : files()) {
            for (ServiceDescriptor s : f.getServices()) {
                byName.put(s.getFullName(), s);
            }
        }
        List<ServiceDescriptor> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(ServiceDescriptor::getFullName));
        return all;
    }

    /** Runs {@code listener} after every change, until the subscription is closed. */
    public Subscription onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private synchronized List<FileDescriptor> files() {
        List<FileDescriptor> all = new ArrayList<>();
        sources.values().forEach(s -> all.addAll(s.files()));
        return all;
    }

    private static void addWithNested(Descriptor d, Map<String, Descriptor> out) {
        if (d.getOptions().getMapEntry()) {
            return;
        }
        out.put(d.getFullName(), d);
        d.getNestedTypes().forEach(n -> addWithNested(n, out));
    }

    private static Descriptor findIn(Descriptor d, String fullName) {
        if (d.getFullName().equals(fullName)) {
            return d;
        }
        if (!fullName.startsWith(d.getFullName() + ".")) {
            return null;
        }
        for (Descriptor n : d.getNestedTypes()) {
            Descriptor found = findIn(n, fullName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
