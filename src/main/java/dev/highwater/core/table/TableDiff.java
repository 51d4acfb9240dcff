package dev.highwater.core.table;

import java.util.Arrays;

/**
 * What changed in a keyed topic between two instants: keys added, removed, and changed (their value's bytes
 * differ; a key written again with the same value has not changed), each with its record at both instants. In key
 * order.
 */
public final class TableDiff {

    public enum Change { ADDED, REMOVED, CHANGED }

    private final TableAt before;
    private final TableAt after;
    private final Change[] changes;
    /** Index in {@code before}, -1 for an added key. */
    private final int[] inBefore;
    /** Index in {@code after}, -1 for a removed key. */
    private final int[] inAfter;
    private final int added;
    private final int removed;
    private final int changed;

    private TableDiff(TableAt before, TableAt after, Change[] changes, int[] inBefore, int[] inAfter, int size) {
        this.before = before;
        this.after = after;
        this.changes = Arrays.copyOf(changes, size);
        this.inBefore = Arrays.copyOf(inBefore, size);
        this.inAfter = Arrays.copyOf(inAfter, size);
        int a = 0;
        int r = 0;
        int c = 0;
        for (Change x : this.changes) {
            switch (x) {
                case ADDED -> a++;
                case REMOVED -> r++;
                case CHANGED -> c++;
            }
        }
        this.added = a;
        this.removed = r;
        this.changed = c;
    }

    /** The difference from {@code before} to {@code after}, two states of the same topic. */
    public static TableDiff of(TableAt before, TableAt after) {
        int most = before.size() + after.size();
        Change[] changes = new Change[most];
        int[] b = new int[most];
        int[] a = new int[most];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            int c = i == before.size() ? 1 : j == after.size() ? -1
                    : Arrays.compareUnsigned(before.key(i), after.key(j));
            if (c < 0) {
                changes[n] = Change.REMOVED;
                b[n] = i++;
                a[n++] = -1;
            } else if (c > 0) {
                changes[n] = Change.ADDED;
                b[n] = -1;
                a[n++] = j++;
            } else {
                if (!Arrays.equals(before.value(i), after.value(j))) {
                    changes[n] = Change.CHANGED;
                    b[n] = i;
                    a[n++] = j;
                }
                i++;
                j++;
            }
        }
        return new TableDiff(before, after, changes, b, a, n);
    }

    public TableAt before() {
        return before;
    }

    public TableAt after() {
        return after;
    }

    /** Keys that changed, in key order. */
    public int size() {
        return changes.length;
    }

    public Change change(int i) {
        return changes[i];
    }

    /** The key's index in {@link #before()}, or -1 when it was added. */
    public int indexBefore(int i) {
        return inBefore[i];
    }

    /** The key's index in {@link #after()}, or -1 when it was removed. */
    public int indexAfter(int i) {
        return inAfter[i];
    }

    /** The key's bytes. */
    public byte[] key(int i) {
        return inAfter[i] >= 0 ? after.key(inAfter[i]) : before.key(inBefore[i]);
    }

    public int added() {
        return added;
    }

    public int removed() {
        return removed;
    }

    public int changed() {
        return changed;
    }
}
