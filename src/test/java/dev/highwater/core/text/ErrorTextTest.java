package dev.highwater.core.text;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorTextTest {

    private static final RuntimeException WRAPPED = new IllegalStateException("cannot read the topic\n  details",
            new UncheckedIOException("connection refused", new IOException("port 9092 closed")));

    @Test
    void theRootMessageIsTheInnermostCauses() {
        assertEquals("port 9092 closed", ErrorText.rootMessage(WRAPPED));
        assertEquals("IOException", ErrorText.rootMessage(new IllegalStateException("x", new IOException(""))));
    }

    @Test
    void oneLineIsTheFirstMessageThatSaysSomethingWithItsLinesJoined() {
        assertEquals("cannot read the topic details", ErrorText.oneLine(WRAPPED));
        assertEquals("port 9092 closed", ErrorText.oneLine(new RuntimeException(" ", new IOException("port 9092 closed"))));
        assertEquals("IllegalArgumentException", ErrorText.oneLine(new IllegalArgumentException((String) null)));
    }

    @Test
    void aSentenceIsTheFirstLineCapitalisedWithAPeriod() {
        assertEquals("Cannot read the topic.", ErrorText.sentence(WRAPPED));
        assertEquals("Done already.", ErrorText.sentence(new RuntimeException("\nDone already.")));
        assertEquals("RuntimeException.", ErrorText.sentence(new RuntimeException("")));
    }
}
