package dev.highwater.core.registry;

import java.util.List;

/** A registry that hands every question to another: the base of those that add a cache or a lifetime. */
public abstract class ForwardingSchemaRegistry implements SchemaRegistry {

    /** The registry asked; called once per question. */
    protected abstract SchemaRegistry delegate();

    @Override
    public RegisteredSchema schema(int id) {
        return delegate().schema(id);
    }

    @Override
    public List<SubjectVersion> usages(int id) {
        return delegate().usages(id);
    }

    @Override
    public List<String> subjects() {
        return delegate().subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return delegate().versions(subject);
    }

    @Override
    public SubjectVersion version(String subject, int version) {
        return delegate().version(subject, version);
    }

    @Override
    public String compatibility(String subject) {
        return delegate().compatibility(subject);
    }

    @Override
    public String where() {
        return delegate().where();
    }

    @Override
    public void close() {
        delegate().close();
    }
}
