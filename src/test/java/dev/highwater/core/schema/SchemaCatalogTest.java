package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaCatalogTest {

    @Test
    void builtInTypesAndServicesAreKnown() {
        SchemaCatalog c = SchemaCatalog.withBuiltIn();
        assertTrue(c.messageType("blockchain.Transaction").isPresent());
        assertTrue(c.messageType("ledger.LedgerEvent").isPresent());
        assertTrue(c.messageType("blockchain.Nope").isEmpty());
        assertEquals(List.of("blockchain.BlockchainIndexer"),
                c.services().stream().map(s -> s.getFullName()).toList());
    }

    @Test
    void linksInDependencyOrderWithWellKnownTypesAndReportsWhatCannotLink() {
        FileDescriptorProto event = FileDescriptorProto.newBuilder().setName("acme/event.proto").setPackage("acme")
                .setSyntax("proto3")
                .addDependency("acme/money.proto").addDependency("google/protobuf/timestamp.proto")
                .addMessageType(DescriptorProto.newBuilder().setName("Event")
                        .addField(field("amount", 1, ".acme.Money"))
                        .addField(field("at", 2, ".google.protobuf.Timestamp"))
                        .addNestedType(DescriptorProto.newBuilder().setName("Inner")))
                .build();
        FileDescriptorProto money = FileDescriptorProto.newBuilder().setName("acme/money.proto").setPackage("acme")
                .setSyntax("proto3").addMessageType(DescriptorProto.newBuilder().setName("Money")).build();
        FileDescriptorProto orphan = FileDescriptorProto.newBuilder().setName("acme/orphan.proto").setPackage("acme")
                .addDependency("acme/missing.proto").build();
        // the dependent file comes first in the set: order must not matter
        DescriptorLinker.Linked linked = DescriptorLinker.link(FileDescriptorSet.newBuilder()
                .addFile(event).addFile(orphan).addFile(money).build());
        assertEquals(List.of("acme/event.proto", "acme/money.proto"),
                linked.files().stream().map(f -> f.getName()).toList());
        assertEquals(List.of("acme/orphan.proto: imports acme/missing.proto, which is not among the loaded files"),
                linked.problems());

        SchemaCatalog c = SchemaCatalog.withBuiltIn();
        AtomicInteger changes = new AtomicInteger();
        c.onChange(changes::incrementAndGet);
        c.put(new SchemaCatalog.Source("acme.desc", linked.files(), linked.problems()));
        assertEquals(1, changes.get());
        assertTrue(c.messageType("acme.Event.Inner").isPresent(), "nested types resolve by full name");
        assertTrue(c.messageTypes().stream().anyMatch(d -> d.getFullName().equals("acme.Money")));
        c.remove("acme.desc");
        assertTrue(c.messageType("acme.Event").isEmpty());
        assertEquals(2, changes.get());
    }

    private static FieldDescriptorProto field(String name, int number, String type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(type).build();
    }
}
