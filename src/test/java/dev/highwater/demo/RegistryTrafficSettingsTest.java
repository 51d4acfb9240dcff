package dev.highwater.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The period of the demo schema's evolution, as the system property sets it. */
class RegistryTrafficSettingsTest {

    @Test
    void aPositiveDurationSetsThePeriod() {
        assertEquals(Duration.ofSeconds(5), RegistryTraffic.Settings.evolveEvery("PT5S"));
        assertEquals(Duration.ofSeconds(90), RegistryTraffic.Settings.evolveEvery(" PT1M30S "));
    }

    @Test
    void noValueOrABadOneKeepsTheMinute() {
        assertEquals(Duration.ofMinutes(1), RegistryTraffic.Settings.evolveEvery(null));
        assertEquals(Duration.ofMinutes(1), RegistryTraffic.Settings.evolveEvery(""));
        assertEquals(Duration.ofMinutes(1), RegistryTraffic.Settings.evolveEvery("5 seconds"));
        assertEquals(Duration.ofMinutes(1), RegistryTraffic.Settings.evolveEvery("PT0S"));
        assertEquals(Duration.ofMinutes(1), RegistryTraffic.Settings.evolveEvery("-PT5S"));
    }
}
