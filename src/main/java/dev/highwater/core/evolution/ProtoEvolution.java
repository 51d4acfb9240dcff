package dev.highwater.core.evolution;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Protobuf rules between a new schema and one registered version: a tag reused for another field, a field's
 * type changed (see {@link ProtoTypeChange} for the pairs accepted), a field removed without its tag (and name)
 * reserved, a reserved tag used again, a message type removed, renamed or moved from the index path framed records
 * name it by, and proto2 label changes (required added or dropped, repeated read as singular). Oneofs, options
 * and enum values are not compared.
 */
final class ProtoEvolution {

    private final String version;
    private final boolean backward;
    private final boolean forward;
    private final List<Finding> out;
    private final Set<String> compared = new HashSet<>();

    /**
     * @param version  how sentences name the registered version ("v2 (id 7)")
     * @param backward whether the new schema must read the registered version's data
     * @param forward  whether the registered version must read the new schema's data
     */
    private ProtoEvolution(String version, boolean backward, boolean forward, List<Finding> out) {
        this.version = version;
        this.backward = backward;
        this.forward = forward;
        this.out = out;
    }

    static void compare(FileDescriptor registered, FileDescriptor now, String version, boolean backward,
                        boolean forward, List<Finding> out) {
        new ProtoEvolution(version, backward, forward, out).files(registered, now);
    }

    private void files(FileDescriptor registered, FileDescriptor now) {
        Map<List<Integer>, Descriptor> oldPaths = ProtoSchemaText.byIndexPath(registered);
        Map<List<Integer>, Descriptor> newPaths = ProtoSchemaText.byIndexPath(now);
        Map<String, List<Integer>> newByName = new HashMap<>();
        newPaths.forEach((p, d) -> newByName.put(d.getFullName(), p));
        oldPaths.forEach((path, old) -> {
            Descriptor there = newPaths.get(path);
            List<Integer> moved = newByName.get(old.getFullName());
            if (there != null && there.getFullName().equals(old.getFullName())) {
                messages(old, there);
            } else if (moved != null) {
                out.add(Finding.breaking("message " + old.getFullName() + " moves from index path " + path + " in "
                        + version + " to " + moved + ": a consumer resolving framed message indexes with the new "
                        + "schema would read " + version + "'s records of it as "
                        + (there == null ? "no type" : there.getFullName())));
                messages(old, newPaths.get(moved));
            } else {
                out.add(Finding.breaking("message " + old.getFullName() + " (index path " + path + " in " + version
                        + ") is removed or renamed" + (there == null ? "" : "; that path is now "
                        + there.getFullName()) + ", so records framed with it no longer decode as it"));
            }
        });
    }

    private void messages(Descriptor old, Descriptor now) {
        if (!compared.add(old.getFullName() + "→" + now.getFullName())) {
            return;
        }
        for (FieldDescriptor f : old.getFields()) {
            FieldDescriptor n = now.findFieldByNumber(f.getNumber());
            if (n == null) {
                removed(f, now);
            } else {
                kept(f, n);
            }
        }
        for (FieldDescriptor n : now.getFields()) {
            if (old.findFieldByNumber(n.getNumber()) != null) {
                continue;
            }
            if (old.isReservedNumber(n.getNumber())) {
                out.add(Finding.breaking(where(n) + " uses tag " + n.getNumber() + ", which " + version
                        + " reserves: data written under that tag before it was reserved reads into this field"));
            }
            if (n.isRequired() && backward) {
                out.add(Finding.breaking(where(n) + " is a new required field: records written with " + version
                        + " lack it and fail to parse"));
            }
        }
    }

    private void removed(FieldDescriptor f, Descriptor now) {
        boolean tag = now.isReservedNumber(f.getNumber());
        boolean name = now.isReservedName(f.getName());
        if (!tag) {
            out.add(Finding.breaking(where(f) + " of " + version + " is removed and its tag is not reserved: a "
                    + "later field could reuse tag " + f.getNumber() + " and misread " + version + "'s data (add "
                    + "reserved " + f.getNumber() + "; and reserved \"" + f.getName() + "\";)"));
        } else if (!name) {
            out.add(Finding.info(where(f) + " of " + version + " is removed with its tag reserved but not its name;"
                    + " reserve \"" + f.getName() + "\" too so JSON data cannot meet a new field of that name"));
        } else {
            out.add(Finding.info(where(f) + " of " + version + " is removed, its tag and name reserved"));
        }
        if (f.isRequired() && forward) {
            out.add(Finding.breaking(where(f) + " is required in " + version + ", whose readers fail on new "
                    + "records that lack it"));
        }
    }

    private void kept(FieldDescriptor f, FieldDescriptor n) {
        if (!f.getName().equals(n.getName())) {
            out.add(Finding.breaking(where(n) + " reuses the tag of " + f.getName() + " in " + version + ": data "
                    + "written as " + f.getName() + " reads into " + n.getName()
                    + " (the check cannot tell a rename from a reuse)"));
        }
        types(f, n);
        labels(f, n);
    }

    private void types(FieldDescriptor f, FieldDescriptor n) {
        if (f.getType() == n.getType()) {
            if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                messages(f.getMessageType(), n.getMessageType());
            } else if (f.getJavaType() == FieldDescriptor.JavaType.ENUM
                    && !f.getEnumType().getFullName().equals(n.getEnumType().getFullName())) {
                out.add(Finding.info(where(n) + " changes its enum from " + f.getEnumType().getFullName() + " in "
                        + version + " to " + n.getEnumType().getFullName() + " (the values' numbers are not compared)"));
            }
            return;
        }
        String was = ProtoTypeChange.name(f);
        String is = ProtoTypeChange.name(n);
        String readOld = backward ? ProtoTypeChange.whyNot(f.getType(), n.getType()) : null;
        String readNew = forward ? ProtoTypeChange.whyNot(n.getType(), f.getType()) : null;
        if (readOld != null) {
            out.add(Finding.breaking(where(n) + " changes from " + was + " in " + version + " to " + is + ": "
                    + readOld + " when the new schema reads " + version + "'s records"));
        }
        if (readNew != null && !readNew.equals(readOld)) {
            out.add(Finding.breaking(where(n) + " changes from " + was + " in " + version + " to " + is + ": "
                    + readNew + " when " + version + " reads the new schema's records"));
        }
        if (readOld == null && readNew == null) {
            out.add(Finding.info(where(n) + " changes from " + was + " in " + version + " to " + is
                    + "; accepted, as every value written as one reads as the other in the directions checked"));
        }
    }

    private void labels(FieldDescriptor f, FieldDescriptor n) {
        if (f.isRepeated() != n.isRepeated()) {
            boolean breaks = f.isRepeated() ? backward : forward;
            String sentence = where(n) + (f.isRepeated() ? " is repeated in " + version + " and singular now"
                    : " is singular in " + version + " and repeated now") + ": a singular reader keeps only the "
                    + "last of several values (and packed numbers not at all)";
            out.add(breaks ? Finding.breaking(sentence) : Finding.info(sentence));
        }
        if (!f.isRequired() && n.isRequired() && backward) {
            out.add(Finding.breaking(where(n) + " becomes required: " + version
                    + "'s records that lack it fail to parse"));
        }
        if (f.isRequired() && !n.isRequired() && forward) {
            out.add(Finding.breaking(where(n) + " is required in " + version + " and no longer is: " + version
                    + "'s readers fail on new records that lack it"));
        }
    }

    private static String where(FieldDescriptor f) {
        return "field " + f.getContainingType().getFullName() + "." + f.getName() + " (tag " + f.getNumber() + ")";
    }
}
