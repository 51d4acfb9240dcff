package dev.highwater.ui.schemas;

import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaReference;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.core.registry.SubjectVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A registry port in memory: subjects with versions, schemas by id; it can be told to fail every call. */
final class FakeRegistry implements SchemaRegistry {

    final Map<String, List<SubjectVersion>> subjects = new TreeMap<>();
    final Map<Integer, RegisteredSchema> schemas = new LinkedHashMap<>();
    final Map<String, String> levels = new TreeMap<>();
    volatile RegistryException failing;
    volatile boolean closed;

    /** Registers the next version of a subject under a new id. */
    int register(String subject, SchemaType type, String text, List<SchemaReference> refs) {
        int id = schemas.size() + 1;
        Map<String, String> referenced = new LinkedHashMap<>();
        for (SchemaReference r : refs) {
            SubjectVersion at = version(r.subject(), r.version());
            referenced.put(r.name(), schemas.get(at.id()).text());
        }
        schemas.put(id, new RegisteredSchema(id, type, text, refs, referenced));
        List<SubjectVersion> vs = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        vs.add(new SubjectVersion(subject, vs.size() + 1, id));
        return id;
    }

    private void check() {
        if (failing != null) {
            throw failing;
        }
    }

    @Override
    public RegisteredSchema schema(int id) {
        check();
        RegisteredSchema s = schemas.get(id);
        if (s == null) {
            throw new RegistryException(RegistryException.Kind.UNKNOWN_ID, "the registry does not know schema id " + id);
        }
        return s;
    }

    @Override
    public List<SubjectVersion> usages(int id) {
        schema(id);
        return subjects.values().stream().flatMap(List::stream).filter(v -> v.id() == id).toList();
    }

    @Override
    public List<String> subjects() {
        check();
        return List.copyOf(subjects.keySet());
    }

    @Override
    public List<Integer> versions(String subject) {
        check();
        List<SubjectVersion> vs = subjects.get(subject);
        if (vs == null) {
            throw new RegistryException(RegistryException.Kind.UNKNOWN_SUBJECT, "the registry has no subject " + subject);
        }
        return vs.stream().map(SubjectVersion::version).toList();
    }

    @Override
    public SubjectVersion version(String subject, int version) {
        versions(subject);
        List<SubjectVersion> vs = subjects.get(subject);
        return version <= 0 ? vs.getLast() : vs.get(version - 1);
    }

    @Override
    public String compatibility(String subject) {
        check();
        return levels.getOrDefault(subject, "BACKWARD");
    }

    @Override
    public String where() {
        return "http://registry.test:8081";
    }

    @Override
    public void close() {
        closed = true;
    }
}
