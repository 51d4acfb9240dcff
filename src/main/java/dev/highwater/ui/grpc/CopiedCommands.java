package dev.highwater.ui.grpc;

import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcurlCommand;
import dev.highwater.core.grpc.HighwaterCallCommand;
import dev.highwater.core.grpc.JsonMessages;
import dev.highwater.core.schema.SchemaCatalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The workbench's call as a command to paste into a shell: grpcurl's, or ours ({@code highwater grpc call}), with
 * the same target, security, headers, deadline and requests. An IllegalArgumentException says which request does
 * not fit its type.
 */
final class CopiedCommands {

    private CopiedCommands() {
    }

    static String grpcurl(MethodChoice m, ChannelSettings settings, String requestText) {
        return new GrpcurlCommand(settings.target(), settings.security(), WorkbenchWords.path(settings.ca()),
                WorkbenchWords.path(settings.cert()), WorkbenchWords.path(settings.key()), settings.authority(),
                settings.headers(), settings.deadlineFor(m.method()), m.fullName(), requests(m, requestText)).render();
    }

    /** @param files where the method's types were loaded from (a descriptor set or a .proto folder), or null */
    static String highwater(MethodChoice m, ChannelSettings settings, String requestText, SchemaCatalog.Source files) {
        List<String> descriptorSets = new ArrayList<>();
        List<String> protoFolders = new ArrayList<>();
        if (files != null) {
            (Files.isDirectory(Path.of(files.name())) ? protoFolders : descriptorSets).add(files.name());
        }
        return new HighwaterCallCommand(settings.target(), settings.security(), WorkbenchWords.path(settings.ca()),
                WorkbenchWords.path(settings.cert()), WorkbenchWords.path(settings.key()),
                settings.storePassword() != null, settings.authority(), settings.headers(),
                settings.deadlineFor(m.method()), descriptorSets, protoFolders, m.fullName(),
                requests(m, requestText)).render();
    }

    /** The editor's requests, each as compact JSON. */
    private static List<String> requests(MethodChoice m, String requestText) {
        return JsonMessages.parseAll(requestText, m.method().getInputType()).stream()
                .map(JsonMessages::compact).toList();
    }
}
