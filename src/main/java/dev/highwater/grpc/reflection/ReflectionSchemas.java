package dev.highwater.grpc.reflection;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.highwater.core.grpc.ReflectionException;
import dev.highwater.core.schema.DescriptorLinker;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.grpc.StatusAdvice;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Learns a gRPC backend's Protobuf types from its server reflection (v1, or v1alpha for older servers): every
 * service's file with the files it imports, linked, as one schema source named after the target.
 */
public final class ReflectionSchemas {

    private ReflectionSchemas() {
    }

    /** The catalog source name for a target, e.g. "reflection of 127.0.0.1:50051". */
    public static String sourceName(String target) {
        return "reflection of " + target;
    }

    /** As {@link #load(Channel, String, Duration)}, naming the target by the channel's authority. */
    public static SchemaCatalog.Source load(Channel channel, Duration deadline) {
        return load(channel, channel.authority(), deadline);
    }

    /**
     * Lists the services and fetches their descriptors, all within {@code deadline}.
     *
     * @throws ReflectionException with one sentence: no reflection (code UNIMPLEMENTED), unreachable, too slow
     */
    public static SchemaCatalog.Source load(Channel channel, String target, Duration deadline) {
        Deadline until = Deadline.after(deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            try {
                return loadWith(channel, ReflectionStream.V1, target, until);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                    throw e;
                }
                return loadWith(channel, ReflectionStream.V1ALPHA, target, until);
            }
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            if (status.getCode() == Status.Code.UNIMPLEMENTED) {
                throw new ReflectionException(status.getCode().name(), target + " does not offer server reflection;"
                        + " load its descriptors from a .proto folder or a descriptor set instead.", e);
            }
            throw new ReflectionException(status.getCode().name(), "Could not read the services of " + target + ": "
                    + StatusAdvice.explain(target, deadline, status), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReflectionException(Status.Code.CANCELLED.name(), "Stopped reading the services of " + target
                    + ".", e);
        }
    }

    private static SchemaCatalog.Source loadWith(Channel channel, String service, String target, Deadline until)
            throws InterruptedException {
        try (ReflectionStream stream = new ReflectionStream(channel, service, until)) {
            ServerReflectionResponse listed = stream.ask(ServerReflectionRequest.newBuilder().setListServices("").build());
            List<String> problems = new ArrayList<>();
            if (listed.hasErrorResponse()) {
                throw Status.fromCodeValue(listed.getErrorResponse().getErrorCode())
                        .withDescription(listed.getErrorResponse().getErrorMessage()).asRuntimeException();
            }
            Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
            for (ServiceResponse s : listed.getListServicesResponse().getServiceList()) {
                ServerReflectionResponse r = stream.ask(ServerReflectionRequest.newBuilder()
                        .setFileContainingSymbol(s.getName()).build());
                collect(r, "service " + s.getName(), files, problems);
            }
            fetchMissingImports(stream, files, problems);
            DescriptorLinker.Linked linked = DescriptorLinker.link(List.copyOf(files.values()));
            problems.addAll(linked.problems());
            return new SchemaCatalog.Source(sourceName(target), linked.files(), problems);
        }
    }

    private static void fetchMissingImports(ReflectionStream stream, Map<String, FileDescriptorProto> files,
                                            List<String> problems) throws InterruptedException {
        Deque<String> missing = new ArrayDeque<>();
        List<String> asked = new ArrayList<>();
        do {
            for (FileDescriptorProto f : List.copyOf(files.values())) {
                for (String dep : f.getDependencyList()) {
                    if (!files.containsKey(dep) && !DescriptorLinker.wellKnownFiles().containsKey(dep)
                            && !asked.contains(dep) && !missing.contains(dep)) {
                        missing.add(dep);
                    }
                }
            }
            String next = missing.poll();
            if (next == null) {
                return;
            }
            asked.add(next);
            collect(stream.ask(ServerReflectionRequest.newBuilder().setFileByFilename(next).build()),
                    "file " + next, files, problems);
        } while (true);
    }

    private static void collect(ServerReflectionResponse r, String what, Map<String, FileDescriptorProto> files,
                                List<String> problems) {
        if (r.hasErrorResponse()) {
            problems.add(what + ": the server answered " + Status.fromCodeValue(r.getErrorResponse().getErrorCode())
                    .getCode() + " " + r.getErrorResponse().getErrorMessage());
            return;
        }
        for (ByteString bytes : r.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            try {
                FileDescriptorProto p = FileDescriptorProto.parseFrom(bytes);
                files.putIfAbsent(p.getName(), p);
            } catch (InvalidProtocolBufferException e) {
                problems.add(what + ": the server sent a file descriptor that does not parse (" + e.getMessage() + ")");
            }
        }
    }
}
