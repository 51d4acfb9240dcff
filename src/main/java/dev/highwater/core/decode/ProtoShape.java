package dev.highwater.core.decode;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A message type prepared for reading its wire format quickly: fields by number in an array, with the wire type
 * each is expected in. Shapes are built once per type and shared through a {@link Cache}.
 */
public final class ProtoShape {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;

    private static final int DENSE_LIMIT = 4096;

    private final Descriptor type;
    private final FieldDescriptor[] dense;
    private final Map<Integer, FieldDescriptor> sparse;
    private final boolean[] utf8Checked; // by field index
    private final Cache cache;
    private volatile FieldPlan summaryPlan;
    private volatile FieldPlan headlinePlan;
    private final String label;

    private ProtoShape(Descriptor type, Cache cache) {
        this.type = type;
        this.cache = cache;
        this.label = "protobuf " + type.getFullName();
        int max = 0;
        for (FieldDescriptor f : type.getFields()) {
            max = Math.max(max, f.getNumber());
        }
        if (max <= DENSE_LIMIT) {
            dense = new FieldDescriptor[max + 1];
            type.getFields().forEach(f -> dense[f.getNumber()] = f);
            sparse = null;
        } else {
            dense = null;
            sparse = new HashMap<>();
            type.getFields().forEach(f -> sparse.put(f.getNumber(), f));
        }
        utf8Checked = new boolean[type.getFields().size()];
        type.getFields().forEach(f -> utf8Checked[f.getIndex()] = f.needsUtf8Check());
    }

    public Descriptor type() {
        return type;
    }

    /** The decoder's name as users see it, "protobuf " and the type's full name (made once, not per record). */
    String label() {
        return label;
    }

    /** The field of that number, or null when the type has none. */
    FieldDescriptor field(int number) {
        if (dense != null) {
            return number < dense.length ? dense[number] : null;
        }
        return sparse.get(number);
    }

    /**
     * True when protobuf-java refuses a value of this string field that is not valid UTF-8 (proto3 strings, and
     * editions or options that ask for it), so the scanner refuses it too rather than let a record through that
     * cannot be printed.
     */
    boolean checksUtf8(FieldDescriptor f) {
        return utf8Checked[f.getIndex()];
    }

    /** The plan a one-line summary reads with, made once. */
    FieldPlan summaryPlan(int fields) {
        FieldPlan p = summaryPlan;
        if (p == null) {
            p = FieldPlan.summary(this, fields);
            summaryPlan = p;
        }
        return p;
    }

    /** The plan the screen's summary reads with ({@link RecordHeadline}), made once. */
    FieldPlan headlinePlan(int fields) {
        FieldPlan p = headlinePlan;
        if (p == null) {
            List<String> names = new ArrayList<>();
            for (FieldDescriptor f : type.getFields()) {
                if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE && names.size() < fields) {
                    names.add(f.getName());
                }
            }
            p = FieldPlan.of(this, names);
            headlinePlan = p;
        }
        return p;
    }

    ProtoShape nested(FieldDescriptor f) {
        return cache.shape(f.getMessageType());
    }

    /** True when a value of {@code f} may arrive in that wire type (packed repeated numbers come as LEN). */
    static boolean accepts(FieldDescriptor f, int wireType) {
        int expected = f.getLiteType().getWireType();
        return expected == wireType || wireType == LEN && f.isRepeated() && f.getLiteType().isPackable();
    }

    /** Shapes by type, built on first use; thread-safe. */
    public static final class Cache {
        private final Map<Descriptor, ProtoShape> shapes = new ConcurrentHashMap<>();

        public ProtoShape shape(Descriptor type) {
            ProtoShape s = shapes.get(type);
            if (s == null) {
                s = new ProtoShape(type, this);
                ProtoShape raced = shapes.putIfAbsent(type, s);
                if (raced != null) {
                    s = raced;
                }
            }
            return s;
        }
    }
}
