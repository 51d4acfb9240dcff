package dev.highwater.core.schema;

/** A .proto file that does not parse: the line and column, and why. */
public final class ProtoSyntaxException extends RuntimeException {

    private final int line;
    private final int column;

    public ProtoSyntaxException(int line, int column, String reason) {
        super(line + ":" + column + ": " + reason, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
