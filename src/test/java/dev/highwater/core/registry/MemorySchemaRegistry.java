package dev.highwater.core.registry;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The registry port in memory, for tests of the core: schemas registered by subject, and a switch that breaks it. */
public final class MemorySchemaRegistry implements SchemaRegistry {

    private final Map<Integer, RegisteredSchema> schemas = new ConcurrentHashMap<>();
    private final Map<Integer, List<SubjectVersion>> usages = new ConcurrentHashMap<>();
    private final Map<String, List<SubjectVersion>> subjects = new TreeMap<>();
    private final AtomicInteger nextId = new AtomicInteger(100);
    public final AtomicInteger asked = new AtomicInteger();
    public volatile RegistryException failing;

    /** Registers a schema under a subject as its next version; {@code referenced}: name → text, in order. */
    public synchronized int register(String subject, SchemaType type, String text, Map<String, String> referenced) {
        int id = nextId.getAndIncrement();
        List<SchemaReference> refs = new ArrayList<>();
        referenced.keySet().forEach(name -> refs.add(new SchemaReference(name, name, 1)));
        schemas.put(id, new RegisteredSchema(id, type, text, refs, new LinkedHashMap<>(referenced)));
        List<SubjectVersion> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        SubjectVersion v = new SubjectVersion(subject, versions.size() + 1, id);
        versions.add(v);
        usages.computeIfAbsent(id, i -> new ArrayList<>()).add(v);
        return id;
    }

    @Override
    public RegisteredSchema schema(int id) {
        asked.incrementAndGet();
        check();
        RegisteredSchema s = schemas.get(id);
        if (s == null) {
            throw new RegistryException(RegistryException.Kind.UNKNOWN_ID,
                    "the schema registry in memory does not know schema id " + id);
        }
        return s;
    }

    @Override
    public List<SubjectVersion> usages(int id) {
        check();
        return List.copyOf(usages.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized List<String> subjects() {
        check();
        return List.copyOf(subjects.keySet());
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        check();
        return subjects.getOrDefault(subject, List.of()).stream().map(SubjectVersion::version).toList();
    }

    @Override
    public synchronized SubjectVersion version(String subject, int version) {
        check();
        List<SubjectVersion> all = subjects.getOrDefault(subject, List.of());
        if (all.isEmpty()) {
            throw new RegistryException(RegistryException.Kind.UNKNOWN_SUBJECT, "no subject " + subject);
        }
        return version <= 0 ? all.getLast() : all.get(version - 1);
    }

    @Override
    public String compatibility(String subject) {
        return "BACKWARD";
    }

    @Override
    public String where() {
        return "memory";
    }

    @Override
    public void close() {
    }

    private void check() {
        RegistryException e = failing;
        if (e != null) {
            throw e;
        }
    }
}
