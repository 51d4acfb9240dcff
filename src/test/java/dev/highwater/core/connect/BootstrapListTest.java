package dev.highwater.core.connect;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BootstrapListTest {

    @Test
    void goodListsAreAcceptedAndNormalized() {
        assertEquals(Optional.empty(), BootstrapList.problem(" broker1:9092 , broker2.example.com:19092,"));
        assertEquals("broker1:9092,broker2.example.com:19092",
                BootstrapList.normalized(" broker1:9092 , broker2.example.com:19092,"));
        assertEquals(Optional.empty(), BootstrapList.problem("[::1]:9092"));
    }

    @Test
    void eachBadEntryGetsItsOwnSentence() {
        assertEquals("Enter the bootstrap servers, e.g. broker1:9092,broker2:9092.", BootstrapList.problem("  ").orElseThrow());
        assertEquals("Bootstrap server 'broker1' needs host:port, e.g. broker1:9092.", BootstrapList.problem("broker1").orElseThrow());
        assertEquals("Bootstrap server 'b:99999': port 99999 is not between 1 and 65535.", BootstrapList.problem("a:1,b:99999").orElseThrow());
        assertEquals("Bootstrap server 'b:nine': port 'nine' is not a number.", BootstrapList.problem("b:nine").orElseThrow());
        assertEquals("Bootstrap server 'my host:9092' has a malformed host 'my host'.", BootstrapList.problem("my host:9092").orElseThrow());
        assertEquals("gRPC target 'indexer' needs host:port, e.g. localhost:50051.",
                BootstrapList.hostPortProblem("indexer", "gRPC target").orElseThrow());
    }
}
