package dev.highwater.ui.grpc;

import com.google.protobuf.DynamicMessage;
import dev.highwater.core.grpc.JsonMessages;
import dev.highwater.core.grpc.LiveBuffer;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call's responses on their way to the screen: parsed on the receiving thread into a ring buffer,
 * shown at most once per frame, newest first, the newest {@link #CAPACITY} kept, with how many are not shown and the rate.
 */
public final class ResponseFeed {

    public static final int CAPACITY = 500;

    /**
     * One response: its number in the call and the message. Its line of JSON is made when a cell first shows
     * it: of 50,000 responses a second only the few on screen are ever printed.
     */
    public static final class Received {
        private final long number;
        private final DynamicMessage message;
        private String json;

        Received(long number, DynamicMessage message) {
            this.number = number;
            this.message = message;
        }

        public long number() {
            return number;
        }

        public DynamicMessage message() {
            return message;
        }

        public String json() {
            if (json == null) {
                json = JsonMessages.compact(message);
            }
            return json;
        }
    }

    /** A fast stream's list moves at most this often (no one reads 50,000 lines a second); counts every frame. */
    private static final long LIST_EVERY_NANOS = 100_000_000L;

    private final LiveBuffer<Received> buffer = new LiveBuffer<>(CAPACITY);
    private final java.util.concurrent.atomic.AtomicBoolean forceList = new java.util.concurrent.atomic.AtomicBoolean();
    private long listShownAt; // UI thread
    private int shownGeneration; // UI thread
    private final AtomicInteger generation = new AtomicInteger();
    private final Coalescer<Boolean> paint;
    private final ObservableList<Received> items = FXCollections.observableArrayList();
    private final ObservableList<Received> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public ResponseFeed(UiThread ui) {
        this.paint = new Coalescer<>(ui, ignored -> drain());
    }

    public ObservableList<Received> items() {
        return itemsView;
    }

    /** "1,234 received · 234 not shown · 50,000/s". */
    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    /** Empties the feed for a new call; responses of earlier calls are ignored from now on. */
    public int restart() {
        int g = generation.incrementAndGet();
        buffer.clear();
        refresh();
        return g;
    }

    /** From the call's thread. */
    public void add(int forGeneration, DynamicMessage message) {
        if (forGeneration != generation.get()) {
            return;
        }
        long n = buffer.received() + 1;
        buffer.add(new Received(n, message));
        paint.offer(Boolean.TRUE);
    }

    /** Repaints the counts (the rate moves on even when nothing arrives). */
    public void refresh() {
        forceList.set(true);
        paint.offer(Boolean.TRUE);
    }

    public long received() {
        return buffer.received();
    }

    private void show(java.util.List<Received> kept) {
        if (shownGeneration != generation.get()) {
            shownGeneration = generation.get(); // a new call started
            items.clear();
        }
        if (kept.isEmpty()) {
            items.clear();
        } else {
            NewestOnTop.merge(items, kept, Received::number, CAPACITY);
        }
    }

    private void drain() {
        long now = System.nanoTime();
        LiveBuffer.View<Received> v = buffer.view(now);
        if (forceList.getAndSet(false) || now - listShownAt >= LIST_EVERY_NANOS) {
            listShownAt = now;
            show(v.items());
        }
        StringBuilder s = new StringBuilder(LagFormat.count(v.received())).append(" received");
        if (v.notShown() > 0) {
            s.append(" · ").append(LagFormat.count(v.notShown())).append(" older not shown");
        }
        if (v.perSecond() > 0) {
            s.append(" · ").append(LagFormat.count(Math.round(v.perSecond()))).append("/s");
        }
        summary.set(s.toString());
    }
}
