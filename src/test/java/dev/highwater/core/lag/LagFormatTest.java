package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LagFormatTest {

    @Test
    void countsHaveThousandsSeparatorsAndUnknownIsADash() {
        assertEquals("1,234,567", LagFormat.count(1_234_567L));
        assertEquals("0", LagFormat.count(0L));
        assertEquals("—", LagFormat.count((Long) null));
    }

    @Test
    void ratesArePerSecondWithADecimalOnlyWhenSlow() {
        assertEquals("1,234/s", LagFormat.rate(1_234.4));
        assertEquals("2.5/s", LagFormat.rate(2.5));
        assertEquals("10/s", LagFormat.rate(9.96));
        assertEquals("—", LagFormat.rate(null));
    }

    @Test
    void durationsUseTheTwoLargestUnits() {
        assertEquals("0 s", LagFormat.seconds(0.0));
        assertEquals("4.2 s", LagFormat.seconds(4.2));
        assertEquals("42 s", LagFormat.seconds(42.3));
        assertEquals("1 min 0 s", LagFormat.seconds(59.7));
        assertEquals("3 min 20 s", LagFormat.seconds(200.0));
        assertEquals("1 h 0 min", LagFormat.seconds(3_599.7));
        assertEquals("2 h 5 min", LagFormat.seconds(7_500.0));
        assertEquals("3 d 4 h", LagFormat.seconds(3 * 86_400.0 + 4 * 3_600));
        assertEquals("—", LagFormat.seconds(null));
    }

    @Test
    void sharesAndFactors() {
        assertEquals("45 %", LagFormat.share(0.45));
        assertEquals("4.5 %", LagFormat.share(0.045));
        assertEquals("—", LagFormat.share(Double.NaN));
        assertEquals("4.8x", LagFormat.factor(4.81));
    }
}
