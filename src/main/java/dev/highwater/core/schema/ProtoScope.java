package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.Edition;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the parser is in a .proto file: the file's syntax or edition, the scope names are declared in (the package,
 * then each enclosing message), and where each symbol was declared ("line:column"), for problems found when linking.
 */
final class ProtoScope {

    private final Map<String, String> places = new HashMap<>();
    private Edition edition = Edition.EDITION_PROTO2;
    private String name = "";

    Edition edition() {
        return edition;
    }

    void edition(Edition e) {
        edition = e;
    }

    boolean proto3() {
        return edition == Edition.EDITION_PROTO3;
    }

    boolean editions() {
        return edition.getNumber() >= Edition.EDITION_2023_VALUE;
    }

    boolean since2024() {
        return edition.getNumber() >= Edition.EDITION_2024_VALUE;
    }

    /** The full name of {@code simple} declared here. */
    String qualify(String simple) {
        return name.isEmpty() ? simple : name + "." + simple;
    }

    /** Enters a package or a message; returns the scope to go back to with {@link #leave}. */
    String enter(String fullName) {
        String outer = name;
        name = fullName;
        return outer;
    }

    void leave(String outer) {
        name = outer;
    }

    /** Records where a symbol (a full name, or "import path") was declared: at the token naming it. */
    void declared(String symbol, ProtoTokens.Token at) {
        places.put(symbol, at.line() + ":" + at.column());
    }

    Map<String, String> places() {
        return Map.copyOf(places);
    }
}
