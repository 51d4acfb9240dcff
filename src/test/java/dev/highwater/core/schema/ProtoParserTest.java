package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.JavaFeaturesProto;
import com.google.protobuf.TextFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parser against protoc: each .proto under {@code protoc/} was compiled by protoc 36.2 (the version the build
 * uses) with {@code protoc --descriptor_set_out} and printed as text format beside it. Type names are compared
 * after linking, since protoc writes them resolved; custom options, which we read and leave out, are the one
 * difference, so they were dropped from protoc's side.
 */
class ProtoParserTest {

    private static final String P2 = "syntax = \"proto2\";\n";
    private static final String P3 = "syntax = \"proto3\";\n";
    private static final String E23 = "edition = \"2023\";\n";
    private static final String E24 = "edition = \"2024\";\n";
    private static final List<String> FILES = List.of("proto2_groups.proto", "proto3_basics.proto",
            "editions_2023.proto", "editions_2024.proto", "editions_2026.proto");

    @ParameterizedTest
    @ValueSource(strings = {"proto2_groups", "proto3_basics", "editions_2023", "editions_2024", "editions_2026"})
    void writesTheDescriptorProtocWrites(String name) throws Exception {
        FileDescriptor linked = compiled().get(name + ".proto");
        FileDescriptorProto ours = ResolvedNames.of(linked);
        FileDescriptorProto.Builder protoc = FileDescriptorProto.newBuilder();
        ExtensionRegistry features = ExtensionRegistry.newInstance();
        JavaFeaturesProto.registerAllExtensions(features);
        TextFormat.getParser().merge(resource(name + ".protoc.txtpb"), features, protoc);
        assertEquals(TextFormat.printer().printToString(protoc.build()),
                TextFormat.printer().printToString(ours));
    }

    @Test
    void groupsAreANestedTypeAndALowerCaseFieldOfTypeGroup() {
        FileDescriptor file = compiled().get("proto2_groups.proto");
        Descriptor response = file.findMessageTypeByName("SearchResponse");
        FieldDescriptor result = response.findFieldByName("result");
        assertEquals(FieldDescriptor.Type.GROUP, result.getType());
        assertTrue(result.isRepeated());
        assertEquals("acme.search.SearchResponse.Result", result.getMessageType().getFullName());
        assertTrue(result.getMessageType().findFieldByName("url").isRequired());
        FieldDescriptor cursor = response.findFieldByName("cursor");
        assertEquals("paging", cursor.getContainingOneof().getName());
        assertEquals(FieldDescriptor.Type.GROUP, cursor.getType());
        FieldDescriptor annotation = file.findExtensionByName("annotation");
        assertEquals(FieldDescriptor.Type.GROUP, annotation.getType());
        assertEquals(response, annotation.getContainingType());
        assertEquals("acme.search.Annotation", annotation.getMessageType().getFullName());
        FieldDescriptor nested = response.getExtensions().getFirst();
        assertEquals("acme.search.SearchResponse.Nested", nested.getMessageType().getFullName());
        assertEquals(-7, response.findNestedTypeByName("Summary").findFieldByName("total").getDefaultValue());
    }

    @Test
    void editionsFeaturesDecideHowFieldsReadOnceLinked() {
        Descriptor order = compiled().get("editions_2023.proto").findMessageTypeByName("Order");
        assertFalse(order.findFieldByName("id").hasPresence(), "file-level IMPLICIT");
        assertTrue(order.findFieldByName("qty").hasPresence(), "field-level EXPLICIT");
        assertTrue(order.findFieldByName("line").hasPresence(), "message fields always have presence");
        assertTrue(order.findFieldByName("legs").isPacked(), "editions pack repeated numbers by default");
        assertFalse(order.findFieldByName("plain").isPacked(), "field-level EXPANDED");
        assertEquals(FieldDescriptor.Type.GROUP, order.findFieldByName("line").getType(), "DELIMITED");
        assertEquals(FieldDescriptor.Type.MESSAGE, order.findFieldByName("framed").getType());
        assertEquals(FieldDescriptor.Type.GROUP, order.findFieldByName("b").getType(), "DELIMITED in a oneof");
        assertTrue(order.findFieldByName("must").isRequired(), "LEGACY_REQUIRED");
        assertTrue(order.findFieldByName("kind").getEnumType().isClosed(), "enum-level CLOSED");
        assertTrue(order.findFieldByName("kind").legacyEnumFieldTreatedAsClosed());
        assertEquals("x", order.findFieldByName("raw").getDefaultValue());
        FieldDescriptor tail = order.getFile().findExtensionByName("tail");
        assertEquals(FieldDescriptor.Type.GROUP, tail.getType(), "a DELIMITED extension");

        Descriptor frame = compiled().get("editions_2024.proto").findMessageTypeByName("Frame");
        assertTrue(frame.findFieldByName("seq").hasPresence(), "2024 defaults to EXPLICIT");
        assertTrue(frame.findFieldByName("values").isPacked(), "field-level PACKED over file-level EXPANDED");
        assertEquals(FieldDescriptor.Type.GROUP, frame.findFieldByName("child").getType());
        assertEquals("acme.ed.Order", frame.findFieldByName("order").getMessageType().getFullName());

        FileDescriptor ed26 = compiled().get("editions_2026.proto");
        Descriptor reading = ed26.findMessageTypeByName("Reading");
        assertFalse(reading.findFieldByName("sensor").hasPresence());
        assertTrue(reading.findFieldByName("value").hasPresence());
        assertTrue(reading.findFieldByName("samples").isPacked());
        assertEquals(FieldDescriptor.Type.GROUP, reading.findFieldByName("previous").getType());
        assertEquals(FieldDescriptor.Type.GROUP, ed26.findExtensionByName("next").getType());
        assertTrue(ed26.findEnumTypeByName("Unit").isClosed());
    }

    @Test
    void otherLanguagesFeaturesAreLeftOutAndTheirFilesNeedNotBeLoaded() {
        SchemaCatalog.Source source = ProtoFolderSource.compile("test", Map.of("cpp.proto", E23 + """
                import "google/protobuf/cpp_features.proto";
                import "google/protobuf/go_features.proto";
                message M {
                  string s = 1 [features.(pb.cpp).string_type = VIEW, features.utf8_validation = NONE];
                }
                """), List.of());
        assertEquals(List.of(), source.problems());
        FieldDescriptor s = source.files().getFirst().findMessageTypeByName("M").findFieldByName("s");
        assertEquals("utf8_validation: NONE", TextFormat.printer().shortDebugString(
                s.toProto().getOptions().getFeatures()));
    }

    @Test
    void editionsFilesSaySyntaxEditionsAndTheirEdition() {
        FileDescriptorProto p = ProtoParser.parse("e.proto", "edition = \"2024\";\nmessage M { int32 a = 1; }\n")
                .file();
        assertEquals("editions", p.getSyntax());
        assertEquals(DescriptorProtos.Edition.EDITION_2024, p.getEdition());
        assertFalse(ProtoParser.parse("p.proto", "syntax = \"proto2\";\n").file().hasSyntax(), "protoc leaves it out");
    }

    @Test
    void whatProtocRefusesIsOneSentenceWithItsPlace() {
        Map<String, String> texts = Map.ofEntries(
                Map.entry("optional.proto", E23 + "message M {\n  optional int32 a = 1;\n}\n"),
                Map.entry("required.proto", E23 + "message M {\n  required int32 a = 1;\n}\n"),
                Map.entry("group23.proto", E23 + "message M {\n  repeated group G = 1 { }\n}\n"),
                Map.entry("group3.proto", P3 + "message M {\n  group G = 1 { }\n}\n"),
                Map.entry("lower.proto", P2 + "message M {\n  optional group g = 1 { }\n}\n"),
                Map.entry("oneoflabel.proto", P2 + "message M {\n  oneof o { optional int32 a = 1; }\n}\n"),
                Map.entry("proto3features.proto", P3 + "option features.field_presence = EXPLICIT;\n"),
                Map.entry("target.proto", E23 + "message M {\n  option features.field_presence = IMPLICIT;\n}\n"),
                Map.entry("later.proto", E23 + "option features.enforce_naming_style = STYLE2024;\n"),
                Map.entry("typo.proto", E23 + "option features.presence = EXPLICIT;\n"),
                Map.entry("value.proto", E23 + "message M { int32 a = 1 [features.field_presence = SOMETIMES]; }\n"),
                Map.entry("packed.proto", E23 + "message M { repeated int32 a = 1 [packed = true]; }\n"),
                Map.entry("removed.proto", E24 + "option java_multiple_files = true;\n"),
                Map.entry("edition.proto", "edition = \"2025\";\n"),
                Map.entry("java.proto", E23 + "option features.(pb.java).legacy_closed_enum = true;\n"),
                Map.entry("reserved.proto", E23 + "message M {\n  reserved \"old\";\n}\n"),
                Map.entry("escape.proto", P2 + "message M { optional string s = 1 [default = \"\\x\"]; }\n"),
                Map.entry("implicit.proto", E23 + "message M {\n  M m = 1 [features.field_presence = IMPLICIT];\n}\n"),
                Map.entry("open.proto", E23 + "enum E {\n  E_ONE = 1;\n}\n"),
                Map.entry("good.proto", E23 + "package ok;\nmessage Fine { int32 a = 1; }\n"));
        SchemaCatalog.Source source = ProtoFolderSource.compile("test", texts, List.of());
        Map<String, String> problems = source.problems().stream()
                .collect(Collectors.toMap(p -> p.substring(0, p.indexOf(':')), p -> p));
        assertEquals(1, source.files().size(), String.join("\n", source.problems()));
        assertEquals("good.proto", source.files().getFirst().getName());
        assertProblem(problems, "optional.proto:3:3: label \"optional\" is not allowed in editions");
        assertProblem(problems, "required.proto:3:3: label \"required\" is not allowed in editions; use "
                + "[features.field_presence = LEGACY_REQUIRED]");
        assertProblem(problems, "group23.proto:3:12: group syntax is not allowed in editions; use a message field with "
                + "[features.message_encoding = DELIMITED]");
        assertProblem(problems, "group3.proto:3:3: groups are not allowed in proto3");
        assertProblem(problems, "lower.proto:3:18: group names must start with a capital letter");
        assertProblem(problems, "oneoflabel.proto:3:13: fields in a oneof cannot have labels");
        assertProblem(problems, "proto3features.proto:2:8: features are only valid in editions files");
        assertProblem(problems, "target.proto:3:10: features.field_presence cannot be set on a message; it applies "
                + "to a field, a file");
        assertProblem(problems, "later.proto:2:8: features.enforce_naming_style was introduced in edition 2024 and "
                + "cannot be used in edition 2023");
        assertProblem(problems, "typo.proto:2:8: option features.presence is unknown");
        assertProblem(problems, "value.proto:2:52: option features.field_presence has no value 'SOMETIMES'; use one of "
                + "FIELD_PRESENCE_UNKNOWN, EXPLICIT, IMPLICIT, LEGACY_REQUIRED");
        assertProblem(problems, "packed.proto:2:35: the packed option is not allowed in editions");
        assertProblem(problems, "removed.proto:2:8: java_multiple_files was removed in edition 2024: this behavior "
                + "is enabled by default in editions 2024 and above; to disable it, you can set "
                + "`features.(pb.java).nest_in_file_class = YES` on individual messages, enums, or services");
        assertProblem(problems, "edition.proto:1:11: edition \"2025\" is not one this compiler reads "
                + "(2023, 2024, 2026)");
        assertProblem(problems, "java.proto:2:8: features.(pb.java) needs import "
                + "\"google/protobuf/java_features.proto\"");
        assertProblem(problems, "reserved.proto:3:12: reserved names are identifiers in editions");
        assertProblem(problems, "escape.proto:2:48: expected hex digits after \\x in a string");
        assertProblem(problems, "implicit.proto:3:5: message fields cannot have implicit presence (M.m)");
        assertProblem(problems, "open.proto:2:6: the first value of an open enum must be zero (E)");
        assertEquals(texts.size() - 1, problems.size(), String.join("\n", source.problems()));
    }

    private static void assertProblem(Map<String, String> problems, String expected) {
        String problem = problems.get(expected.substring(0, expected.indexOf(':')));
        assertTrue(problem != null && problem.startsWith(expected), "expected " + expected + "\nbut was " + problem);
        assertFalse(problem.contains("\n") || problem.contains("Exception"), problem);
    }

    // ---- protoc's output and ours, side by side ----

    private static Map<String, FileDescriptor> compiled() {
        Map<String, String> texts = FILES.stream().collect(Collectors.toMap(f -> f, ProtoParserTest::resource));
        SchemaCatalog.Source source = ProtoFolderSource.compile("protoc", texts, List.of());
        assertEquals(List.of(), source.problems());
        return source.files().stream().collect(Collectors.toMap(FileDescriptor::getName, f -> f));
    }

    private static String resource(String name) {
        try (InputStream in = ProtoParserTest.class.getResourceAsStream("protoc/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
