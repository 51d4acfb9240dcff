package dev.highwater.demo;

import java.nio.file.Path;

/**
 * The real schema registries the tests share, one of each kind per test JVM, started when first asked for and
 * stopped when the JVM ends: starting one takes seconds. Each test registers under subjects of its own (a
 * unique prefix), so tests sharing a registry do not see each other's schemas as theirs.
 */
public final class TestRegistries {

    public static final String USER = "highwater-test";
    public static final String PASSWORD = "s3cret-for-tests";

    private static SchemaRegistryServer open;
    private static SchemaRegistryServer withBasicAuth;

    private TestRegistries() {
    }

    /** The unpacked distribution is kept with the build, so it is unpacked once per clean build. */
    public static Path cache() {
        return Path.of("target", "schema-registry", "unpacked").toAbsolutePath();
    }

    /** A registry without authentication, compatibility BACKWARD. */
    public static synchronized SchemaRegistryServer open() {
        if (open == null || !open.running()) {
            open = SchemaRegistryServer.start(SchemaRegistryServer.Options.defaults(cache()));
        }
        return open;
    }

    /** A registry that asks for basic auth: {@link #USER} / {@link #PASSWORD}. */
    public static synchronized SchemaRegistryServer withBasicAuth() {
        if (withBasicAuth == null || !withBasicAuth.running()) {
            withBasicAuth = SchemaRegistryServer.start(SchemaRegistryServer.Options.defaults(cache())
                    .withUser(USER, PASSWORD));
        }
        return withBasicAuth;
    }

    /** A registry of the caller's own, for a test that stops it. */
    public static SchemaRegistryServer own() {
        return SchemaRegistryServer.start(SchemaRegistryServer.Options.defaults(cache()));
    }

    /** A subject prefix no other test uses. */
    public static String prefix(String test) {
        return test + "-" + Long.toString(System.nanoTime(), 36) + "-";
    }
}
