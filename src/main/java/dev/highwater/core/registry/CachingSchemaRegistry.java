package dev.highwater.core.registry;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A registry whose schemas are kept by id for as long as it is open: an id never changes its schema, so a stream
 * asks the registry once per id. A failed lookup is remembered for a short while too ({@link #RETRY_NANOS}), so
 * a stream whose registry stopped answering shows its rows as failed at once instead of waiting on the network
 * for each, and asks again a few seconds later. Subjects, versions and compatibility are never cached (they
 * change). Thread-safe.
 */
public final class CachingSchemaRegistry extends ForwardingSchemaRegistry {

    static final long RETRY_NANOS = 5_000_000_000L;

    private record Failure(RegistryException error, long at) {
    }

    private final SchemaRegistry registry;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<Integer, RegisteredSchema> schemas = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, List<SubjectVersion>> usages = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Failure> failures = new ConcurrentHashMap<>();

    public CachingSchemaRegistry(SchemaRegistry registry) {
        this(registry, System::nanoTime);
    }

    CachingSchemaRegistry(SchemaRegistry registry, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
    }

    @Override
    public RegisteredSchema schema(int id) {
        RegisteredSchema known = schemas.get(id);
        if (known != null) {
            return known;
        }
        return ask(id, () -> schemas.computeIfAbsent(id, registry::schema));
    }

    @Override
    public List<SubjectVersion> usages(int id) {
        List<SubjectVersion> known = usages.get(id);
        if (known != null) {
            return known;
        }
        return ask(-1 - id, () -> usages.computeIfAbsent(id, i -> List.copyOf(registry.usages(i))));
    }

    private <T> T ask(int key, java.util.function.Supplier<T> lookup) {
        Failure f = failures.get(key);
        long now = nanoTime.getAsLong();
        if (f != null && now - f.at() < RETRY_NANOS) {
            throw f.error();
        }
        try {
            T value = lookup.get();
            failures.remove(key);
            return value;
        } catch (RegistryException e) {
            failures.put(key, new Failure(e, now));
            throw e;
        }
    }

    @Override
    protected SchemaRegistry delegate() {
        return registry;
    }
}
