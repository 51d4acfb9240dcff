package dev.highwater.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap a process held alive: the heap in use right after each collection, the highest seen. What a
 * task needs of a capped heap, unlike the pools' own peaks, which include garbage and are reached at different
 * moments (their sum can exceed the cap).
 */
final class LiveHeap {

    private final AtomicLong highest = new AtomicLong();
    private final AtomicLong highestHeap = new AtomicLong();
    private final AtomicLong highestAfterFull = new AtomicLong();
    private final AtomicLong fullCollections = new AtomicLong();

    private LiveHeap() {
    }

    static LiveHeap watch() {
        LiveHeap h = new LiveHeap();
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            // eden is empty after every pause that collects it; a concurrent cycle's report counts it full of
            // the young objects it did not collect, which is not heap the task holds alive
            if (pool.getType() == MemoryType.HEAP && !pool.getName().contains("Eden")) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, ignored) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(MemoryUsage::getUsed).sum();
                    h.highest.accumulateAndGet(used, Math::max);
                    long heap = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> heapPools.contains(e.getKey()))
                            .mapToLong(e -> e.getValue().getUsed()).sum();
                    h.highestHeap.accumulateAndGet(heap, Math::max);
                    if ("end of major GC".equals(info.getGcAction())) {
                        h.highestAfterFull.accumulateAndGet(heap, Math::max);
                        h.fullCollections.incrementAndGet();
                    }
                }, null, null);
            }
        }
        return h;
    }

    /** The highest heap in use after a collection so far, in bytes (non-heap pools included, a small part). */
    long highest() {
        return highest.get();
    }

    /**
     * The highest heap in use after a collection so far, in bytes: the old and survivor spaces, what a task holds
     * of what -Xmx caps, without the class metadata and compiled code the JVM keeps beside the heap.
     */
    long highestHeap() {
        return highestHeap.get();
    }

    /**
     * The highest heap in use after a full collection, in bytes: the objects alive then, and nothing else (after a
     * young collection the old space still holds its garbage, and after one that fails it is the whole heap).
     * 0 when there was none.
     */
    long highestAfterFull() {
        return highestAfterFull.get();
    }

    /** Full collections so far: a heap too tight for its collector to keep up makes some. */
    long fullCollections() {
        return fullCollections.get();
    }
}
