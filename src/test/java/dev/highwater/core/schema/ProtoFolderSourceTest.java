package dev.highwater.core.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtoFolderSourceTest {

    @Test
    void compilesAFolderWithImportsMapsOneofsAndWellKnownTypes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("acme/common"));
        Files.writeString(dir.resolve("acme/common/money.proto"), """
                syntax = "proto3";
                package acme.common;
                option java_package = "com.acme.common";
                message Money { string currency = 1; int64 units = 2; int32 nanos = 3; }
                """);
        Files.writeString(dir.resolve("acme/payment.proto"), """
                // a payment
                syntax = "proto3";
                package acme;
                import "acme/common/money.proto";
                import "google/protobuf/timestamp.proto";
                message Payment {
                  string id = 1 [json_name = "paymentId"];
                  common.Money amount = 2;
                  google.protobuf.Timestamp at = 3;
                  map<string, string> labels = 4;
                  oneof route { string iban = 5; Card card = 6; }
                  optional int32 retries = 7;
                  repeated Status history = 8 [packed = true];
                  message Card { string number = 1; }
                  enum Status { STATUS_UNSPECIFIED = 0; DONE = 1; }
                  reserved 9 to 11, 20;
                  reserved "old";
                }
                service Payments { rpc Pay (Payment) returns (stream Payment) { option deprecated = true; } }
                """);
        SchemaCatalog.Source source = ProtoFolderSource.load(dir);
        assertEquals(java.util.List.of(), source.problems());
        SchemaCatalog catalog = new SchemaCatalog();
        catalog.put(source);
        var payment = catalog.messageType("acme.Payment").orElseThrow();
        assertEquals("google.protobuf.Timestamp", payment.findFieldByName("at").getMessageType().getFullName());
        assertTrue(payment.findFieldByName("labels").isMapField());
        assertEquals("paymentId", payment.findFieldByName("id").getJsonName());
        assertTrue(payment.findFieldByName("retries").hasPresence());
        assertTrue(catalog.messageType("acme.Payment.Card").isPresent());
        assertEquals(1, catalog.services().size());
    }

    @Test
    void aBrokenFileSaysFileLineAndReasonAndTheOthersStillLoad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("good.proto"), "syntax = \"proto3\";\npackage ok;\nmessage Fine { string a = 1; }\n");
        Files.writeString(dir.resolve("bad.proto"), "syntax = \"proto3\";\npackage bad;\nmessage Broken {\n  string a = ;\n}\n");
        Files.writeString(dir.resolve("unlinked.proto"), "syntax = \"proto3\";\npackage u;\n\nmessage M {\n  Nowhere n = 1;\n}\n");
        Files.writeString(dir.resolve("orphan.proto"), "syntax = \"proto3\";\nimport \"missing.proto\";\nmessage O {}\n");
        SchemaCatalog.Source source = ProtoFolderSource.load(dir);
        SchemaCatalog catalog = new SchemaCatalog();
        catalog.put(source);
        assertTrue(catalog.messageType("ok.Fine").isPresent());
        String problems = String.join("\n", source.problems());
        assertTrue(problems.contains("bad.proto:4:14: expected a field number, found ';'"), problems);
        assertTrue(problems.contains("unlinked.proto:5:11: ") && problems.contains("Nowhere"), problems);
        assertTrue(problems.contains("orphan.proto:2:8: imports missing.proto"), problems);
        assertEquals(3, source.problems().size(), problems);
    }

    @Test
    void aFolderThatIsNotThereIsOneSentence(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProtoFolderSource.load(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("does not exist"));
        assertThrows(IllegalArgumentException.class, () -> ProtoFolderSource.load(dir));
    }

    @Test
    void aDescriptorSetLoadsAndAnythingElseIsRefused(@TempDir Path dir) throws Exception {
        var set = com.google.protobuf.DescriptorProtos.FileDescriptorSet.newBuilder()
                .addFile(dev.highwater.proto.ledger.LedgerProto.getDescriptor().toProto()).build();
        Path file = dir.resolve("ledger.desc");
        Files.write(file, set.toByteArray());
        SchemaCatalog.Source s = DescriptorSetSource.load(file);
        assertEquals(1, s.files().size());
        Path junk = dir.resolve("junk.desc");
        Files.writeString(junk, "this is not a descriptor set at all");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DescriptorSetSource.load(junk));
        assertTrue(e.getMessage().contains("is not a descriptor set"), e.getMessage());
    }

    @Test
    void aMissingPathIsCalledAFileWhenItNamesAProtoFileAndAFolderOtherwise(@TempDir Path dir) {
        Path file = dir.resolve("payment.proto");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProtoFolderSource.load(file));
        assertEquals("the file " + file + " does not exist", e.getMessage());
        Path folder = dir.resolve("schemas");
        e = assertThrows(IllegalArgumentException.class, () -> ProtoFolderSource.load(folder));
        assertEquals("the folder " + folder + " does not exist", e.getMessage());
    }
}
