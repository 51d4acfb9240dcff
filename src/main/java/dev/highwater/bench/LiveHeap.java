package dev.highwater.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap a process held alive: the heap in use right after each collection, the highest seen. What a
 * task needs of a capped heap, unlike the pools' own peaks, which include garbage and are reached at different
 * moments (their sum can exceed the cap).
 */
final class LiveHeap {

    private final AtomicLong highest = new AtomicLong();

    private LiveHeap() {
    }

    static LiveHeap watch() {
        LiveHeap h = new LiveHeap();
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
                }, null, null);
            }
        }
        return h;
    }

    /** The highest heap in use after a collection so far, in bytes (non-heap pools included, a small part). */
    long highest() {
        return highest.get();
    }
}
