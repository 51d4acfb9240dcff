package dev.highwater.ui.alerts;

import dev.highwater.ui.UiThread;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A "Send a test alert" button's state: the test runs off the UI thread (a webhook may take seconds to answer),
 * one at a time, and what it said, one sentence a channel, is shown in words.
 */
public final class TestAlert {

    private final Executor background;
    private final UiThread ui;
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper();

    public TestAlert(Executor background, UiThread ui) {
        this.background = background;
        this.ui = ui;
    }

    /** How the last test went; "Sending a test alert…" while it is under way. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** A test is under way. */
    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.getReadOnlyProperty();
    }

    /** Runs the test on the background, unless one is under way, and shows its sentences. */
    public void send(Supplier<List<String>> test) {
        if (sending.get()) {
            return;
        }
        sending.set(true);
        result.set("Sending a test alert…");
        background.execute(() -> {
            String said;
            try {
                said = String.join(" ", test.get());
            } catch (RuntimeException e) {
                said = "The test alert could not be sent: " + e.getMessage();
            }
            String s = said;
            ui.post(() -> {
                sending.set(false);
                result.set(s);
            });
        });
    }

    /** Shows a sentence in place of a test's result (why none was sent, or nothing). */
    public void say(String sentence) {
        result.set(sentence);
    }
}
