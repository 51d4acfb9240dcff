package dev.highwater.core.registry;

import dev.highwater.core.connect.ConnectionSettingsException;

import java.util.function.Supplier;

/**
 * A connection's schema registry, shared by everything that reads through that connection (the messages, the
 * ledger, the schemas browser), so that each schema id is fetched once per connection however many screens
 * decode it. It is opened on first use, on the caller's thread (never the UI's), and a setting that keeps it from
 * opening (a secret reference that does not resolve, a trust store that does not load) is that one sentence on
 * every call, as a {@link RegistryException.Kind#REFUSED} refusal, until the profile is changed. The screens
 * borrow it ({@link #borrowed()}): only the connection closes it.
 */
public final class SharedSchemaRegistry extends ForwardingSchemaRegistry {

    private final Supplier<SchemaRegistry> opener;
    private final String where;
    private SchemaRegistry open; // guarded by this
    private RegistryException cannotOpen; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param opener opens the registry (a caching one, so that ids are asked once)
     * @param where  the registry's address(es), for messages before it is open
     */
    public SharedSchemaRegistry(Supplier<SchemaRegistry> opener, String where) {
        this.opener = opener;
        this.where = where;
    }

    @Override
    protected synchronized SchemaRegistry delegate() {
        if (closed) {
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, "the connection to the schema registry at "
                    + where + " was closed");
        }
        if (cannotOpen != null) {
            throw cannotOpen;
        }
        if (open == null) {
            try {
                open = opener.get();
            } catch (ConnectionSettingsException e) {
                cannotOpen = new RegistryException(RegistryException.Kind.REFUSED, "the schema registry at " + where
                        + " cannot be used: " + e.getMessage(), e);
                throw cannotOpen;
            }
        }
        return open;
    }

    @Override
    public String where() {
        return where;
    }

    /** The registry for a screen: the same schemas and cache, and its close leaves the connection's open. */
    public SchemaRegistry borrowed() {
        SharedSchemaRegistry shared = this;
        return new ForwardingSchemaRegistry() {
            @Override
            protected SchemaRegistry delegate() {
                return shared;
            }

            @Override
            public void close() {
                // the connection's to close
            }
        };
    }

    @Override
    public void close() {
        SchemaRegistry toClose;
        synchronized (this) {
            closed = true;
            toClose = open;
            open = null;
        }
        if (toClose != null) {
            toClose.close();
        }
    }
}
