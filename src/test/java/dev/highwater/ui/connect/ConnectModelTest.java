package dev.highwater.ui.connect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectModelTest {

    private final ConnectModel form = new ConnectModel();

    private String problemWith(String bootstrap, String grpc) {
        form.bootstrapProperty().set(bootstrap);
        form.grpcTargetProperty().set(grpc);
        return form.problemProperty().get();
    }

    @Test
    void goodListsAreAcceptedAndNormalized() {
        assertNull(problemWith(" broker1:9092 , broker2.example.com:19092,", ""));
        assertTrue(form.validProperty().get());
        assertEquals("broker1:9092,broker2.example.com:19092", form.normalizedBootstrap());
        assertNull(problemWith("[::1]:9092", "localhost:50051"));
        assertEquals("localhost:50051", form.normalizedGrpcTarget());
    }

    @Test
    void eachBadEntryGetsItsOwnSentence() {
        assertEquals("Enter the bootstrap servers, e.g. broker1:9092,broker2:9092.", problemWith("  ", ""));
        assertEquals("Bootstrap server 'broker1' needs host:port, e.g. broker1:9092.", problemWith("broker1", ""));
        assertEquals("Bootstrap server 'b:99999': port 99999 is not between 1 and 65535.", problemWith("a:1,b:99999", ""));
        assertEquals("Bootstrap server 'b:nine': port 'nine' is not a number.", problemWith("b:nine", ""));
        assertEquals("Bootstrap server 'my host:9092' has a malformed host 'my host'.", problemWith("my host:9092", ""));
        assertEquals("gRPC target 'indexer' needs host:port, e.g. localhost:50051.", problemWith("a:1", "indexer"));
        assertFalse(form.validProperty().get());
    }
}
