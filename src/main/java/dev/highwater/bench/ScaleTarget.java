package dev.highwater.bench;

/**
 * The running {@code bench scale} cluster as a section of the suite sees it: its address and its shape. Every
 * group-partition lags, and a section may read but must not commit (the refresh section moves the offsets it
 * checks).
 */
public final class ScaleTarget {

    private final String bootstrapServers;
    private final ScaleShape shape;
    private final ScaleOffsets offsets;

    ScaleTarget(String bootstrapServers, ScaleShape shape, ScaleOffsets offsets) {
        this.bootstrapServers = bootstrapServers;
        this.shape = shape;
        this.offsets = offsets;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ScaleShape shape() {
        return shape;
    }

    ScaleOffsets offsets() {
        return offsets;
    }
}
