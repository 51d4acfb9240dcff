package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HotKeySamplerTest {

    private static final String HOT = "acct-aggregator-7";

    private final HotKeySampler sampler = new HotKeySampler(LagSettings.defaults());

    /** 1,000 records of 12 partitions: the hot key 40 % (partition 7), one key 10 %, fifty keys 1 % each. */
    private void sampleTransactions() {
        for (int i = 0; i < 400; i++) {
            sampler.record("transactions", 7, HOT);
        }
        for (int i = 0; i < 100; i++) {
            sampler.record("transactions", 2, "acct-busy");
        }
        for (int i = 0; i < 500; i++) {
            int k = i % 50;
            sampler.record("transactions", k % 12, "acct-" + k);
        }
    }

    @Test
    void aKeyWithFortyPercentIsFlaggedWithTheRemedyAndATenPercentKeyIsNot() {
        sampleTransactions();

        HotKeyReport report = sampler.report("transactions", 3);

        assertEquals(1_000, report.sampled());
        HotKeyReport.KeyShare hot = report.top().getFirst();
        assertEquals(HOT, hot.key());
        assertEquals(400, hot.count());
        assertEquals(0.4, hot.share(), 1e-9);
        assertEquals(List.of(7), hot.partitions());
        assertTrue(hot.hot());
        HotKeyReport.KeyShare busy = report.top().get(1);
        assertEquals("acct-busy", busy.key());
        assertFalse(busy.hot());
        assertEquals(3, report.top().size());

        assertEquals(1, report.advice().size());
        String advice = report.advice().getFirst();
        assertTrue(advice.startsWith("acct-aggregator-7 is 40 % of the sampled records of transactions and lands in"
                + " partition 7 only"), advice);
        assertTrue(advice.contains("composite key, the key plus a bounded bucket (acct-aggregator-7#0 …"
                + " acct-aggregator-7#4), so its records spread over up to 5 partitions"), advice);
    }

    @Test
    void thePartitionViewRanksKeysWithinThePartition() {
        sampleTransactions();

        List<HotKeyReport.KeyShare> seven = sampler.topKeys(new PartitionId("transactions", 7), 2);

        // partition 7 took the hot key's 400 and acct-7, acct-19, acct-31, acct-43's 10 each
        assertEquals(HOT, seven.getFirst().key());
        assertEquals(400.0 / 440, seven.getFirst().share(), 1e-9);
        assertTrue(seven.getFirst().hot());
        assertEquals(10, seven.get(1).count());
        assertTrue(sampler.topKeys(new PartitionId("transactions", 99), 2).isEmpty());
    }

    @Test
    void keylessRecordsAreListedButNeverHot() {
        for (int i = 0; i < 1_000; i++) {
            sampler.record("audit", i % 4, i % 2 == 0 ? null : "k-" + i);
        }

        HotKeyReport report = sampler.report("audit", 5);

        HotKeyReport.KeyShare keyless = report.top().getFirst();
        assertEquals(HotKeyReport.NO_KEY, keyless.key());
        assertTrue(keyless.noKey());
        assertEquals(500, keyless.count());
        assertEquals(List.of(0, 2), keyless.partitions());
        assertFalse(keyless.hot());
        assertFalse(report.hasHotKey());
        assertTrue(report.advice().isEmpty());
        assertEquals(5, report.top().size());
    }

    @Test
    void memoryStaysBoundedAndAHeavyHitterArrivingLateIsStillCountedExactly() {
        HotKeySampler small = new HotKeySampler(0.2, 100);
        for (int i = 0; i < 10_000; i++) {
            small.record("t", i % 12, "early-" + i);
        }
        int whale = 0;
        for (int i = 0; i < 90_000; i++) {
            if (i % 3 == 0) {
                small.record("t", 5, "whale");
                whale++;
            } else {
                small.record("t", i % 12, "late-" + i);
            }
        }

        assertEquals(100, small.trackedKeys("t"));
        HotKeyReport.KeyShare top = small.report("t", 1).top().getFirst();
        assertEquals("whale", top.key());
        assertEquals(whale, top.count());
        assertTrue(top.hot(), "30 % of 100,000 records");
    }

    @Test
    void aFewRecordsAreTooFewToFlagAnything() {
        for (int i = 0; i < 10; i++) {
            sampler.record("quiet", 0, "only-key");
        }

        assertFalse(sampler.report("quiet", 1).top().getFirst().hot());
        assertEquals(0, sampler.report("unknown", 1).sampled());
    }
}
