package dev.highwater.core.notify;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where alert events wait to go out: a bounded queue drained by a thread of its own, so that a slow or dead
 * receiver never delays a refresh. When the queue is full the oldest event is dropped and counted. A channel that
 * fails is reported once, as one sentence that lasts until a delivery to it works again, not once per alert; the
 * log says it once too. Listeners hear of a change in the sentences on the delivery thread.
 */
public final class AlertOutbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertOutbox.class);
    public static final int DEFAULT_CAPACITY = 1_000;

    private record Item(AlertEvent event, List<AlertChannel> to) {
    }

    private final int capacity;
    private final Deque<Item> queue = new ArrayDeque<>(); // guarded by itself
    private final Map<String, String> failing = new LinkedHashMap<>(); // what fails -> sentence; guarded by this
    private final List<Consumer<List<String>>> listeners = new CopyOnWriteArrayList<>();
    private final Thread worker;
    private long dropped; // guarded by queue
    private long delivered; // guarded by queue
    private volatile boolean closed;
    private boolean busy; // guarded by queue: an item taken and not yet delivered

    public AlertOutbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the queue needs room for one event at least: " + capacity);
        }
        this.capacity = capacity;
        this.worker = DaemonThreads.start("alert-delivery", this::drain);
    }

    /** Queues an event for these channels without waiting; a full queue drops its oldest event. */
    public void offer(AlertEvent event, List<AlertChannel> to) {
        if (to.isEmpty() || closed) {
            return;
        }
        boolean droppedOne = false;
        synchronized (queue) {
            if (queue.size() >= capacity) {
                queue.removeFirst();
                dropped++;
                droppedOne = dropped == 1;
            }
            queue.addLast(new Item(event, List.copyOf(to)));
            queue.notifyAll();
        }
        if (droppedOne) {
            log.warn("Alert events are arriving faster than they can be delivered; the oldest waiting are dropped.");
            tellListeners();
        }
    }

    /** Delivers one event now, on the caller's thread (a test the user asked for), and says how it went. */
    public String deliverNow(AlertEvent event, AlertChannel to) {
        try {
            String result = to.deliver(event);
            healthy(to);
            return result;
        } catch (AlertDeliveryException e) {
            failed(to, e);
            throw e;
        }
    }

    /** Events dropped because the queue was full, since the start. */
    public long dropped() {
        synchronized (queue) {
            return dropped;
        }
    }

    /** Events delivered to every channel they were for, since the start. */
    public long delivered() {
        synchronized (queue) {
            return delivered;
        }
    }

    /** Whether every queued event has been tried. */
    public boolean idle() {
        synchronized (queue) {
            return queue.isEmpty() && !busy;
        }
    }

    /** One sentence per channel that is failing, and one about dropped events if any were. */
    public List<String> problems() {
        List<String> out;
        synchronized (this) {
            out = new ArrayList<>(failing.values());
        }
        long d = dropped();
        if (d > 0) {
            out.add(d + (d == 1 ? " alert was" : " alerts were") + " dropped because more arrived than could be"
                    + " delivered; the newest " + capacity + " are kept waiting.");
        }
        return out;
    }

    /**
     * Says why alerts cannot go somewhere before any is sent (a webhook URL that cannot be used), among
     * {@link #problems()}, until told again; null takes it back.
     */
    public void report(String about, String sentence) {
        String before;
        synchronized (this) {
            before = sentence == null ? failing.remove(about) : failing.put(about, sentence);
        }
        if (!Objects.equals(before, sentence)) {
            tellListeners();
        }
    }

    /** Forgets the failure of a channel no longer used (a profile's webhook after connecting to another). */
    public void forget(AlertChannel channel) {
        boolean changed;
        synchronized (this) {
            changed = failing.remove(channel.describe()) != null;
        }
        if (changed) {
            tellListeners();
        }
    }

    /** Hears the sentences of {@link #problems()} each time they change, on the delivery thread. */
    public Subscription onProblems(Consumer<List<String>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void drain() {
        while (!closed) {
            Item item;
            synchronized (queue) {
                busy = false;
                while (queue.isEmpty() && !closed) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                item = queue.removeFirst();
                busy = true;
            }
            boolean all = true;
            for (AlertChannel channel : item.to()) {
                all &= deliver(item.event(), channel);
            }
            if (all) {
                synchronized (queue) {
                    delivered++;
                }
            }
        }
    }

    private boolean deliver(AlertEvent event, AlertChannel channel) {
        try {
            channel.deliver(event);
            healthy(channel);
            return true;
        } catch (AlertDeliveryException e) {
            failed(channel, e);
        } catch (RuntimeException e) {
            // a channel's own bug must not end deliveries: the stack trace once in the log, a sentence on screen
            log.warn("Delivering an alert to {} failed", channel.describe(), e);
            failed(channel, new AlertDeliveryException(e.getClass().getSimpleName(), "see the log"));
        }
        return false;
    }

    private void healthy(AlertChannel channel) {
        boolean changed;
        synchronized (this) {
            changed = failing.remove(channel.describe()) != null;
        }
        if (changed) {
            log.info("Alerts reach {} again.", channel.describe());
            tellListeners();
        }
    }

    private void failed(AlertChannel channel, AlertDeliveryException e) {
        String sentence = "Alerts are not reaching " + channel.describe() + ": " + e.getMessage() + ".";
        String before;
        synchronized (this) {
            before = failing.put(channel.describe(), sentence);
        }
        if (!sentence.equals(before)) {
            log.warn(sentence); // once, when it starts failing or fails for another reason
            tellListeners();
        }
    }

    private void tellListeners() {
        List<String> now = problems();
        for (Consumer<List<String>> l : listeners) {
            l.accept(now);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (queue) {
            queue.clear();
            queue.notifyAll();
        }
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
