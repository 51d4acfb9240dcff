package dev.highwater.ui.ledger;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScreenTextTest {

    @Test
    void aFailureReadsAsOneSentence() {
        assertEquals("Topic payment-ledger does not exist.",
                ScreenText.sentence(new IllegalStateException("topic payment-ledger does not exist\n\tat detail")));
    }

    @Test
    void aFailureWithAnEmptyMessageIsNamedByItsCauseOrItsType() {
        assertEquals("Broker gone.",
                ScreenText.sentence(new IllegalStateException("", new IOException("broker gone"))));
        assertEquals("IllegalStateException.", ScreenText.sentence(new IllegalStateException("")));
    }
}
