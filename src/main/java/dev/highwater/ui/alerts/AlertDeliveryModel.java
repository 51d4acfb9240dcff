package dev.highwater.ui.alerts;

import dev.highwater.core.Subscription;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.notify.AlertForwarder;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * How the connection's alerts leave the app, beside the alerts list: why they do not reach a receiver (said once,
 * until it works again), desktop notifications on or off (and said once where the platform has none), and a test
 * alert to the profile's webhook and the desktop. Never holds a Node; the forwarder is asked off the UI thread.
 */
public final class AlertDeliveryModel {

    private final AlertForwarder forwarder;
    private final ConnectionProfile profile;
    private final String cluster;
    private final Subscription problemsHeard;

    // Properties
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper desktopSupported = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper desktopNote = new ReadOnlyStringWrapper("");
    private final BooleanProperty desktopOn = new SimpleBooleanProperty();
    private final TestAlert test;

    /**
     * @param profile  the connection's profile, whose webhook a test goes to
     * @param cluster  its bootstrap servers, as the test event names them
     * @param desktop  the remembered desktop notifications choice
     */
    public AlertDeliveryModel(AlertForwarder forwarder, ConnectionProfile profile, String cluster, DesktopSwitch desktop,
                              Executor background, UiThread ui) {
        this.forwarder = forwarder;
        this.profile = profile;
        this.cluster = cluster;
        this.test = new TestAlert(background, ui);
        Coalescer<List<String>> heard = new Coalescer<>(ui, p -> problems.set(String.join("\n", p)));
        this.problemsHeard = forwarder.onProblems(heard::offer);
        desktopOn.set(desktop.on());
        desktopOn.addListener((o, was, on) -> {
            forwarder.desktopNotifications(on);
            desktop.remember(on);
        });
        background.execute(() -> {
            boolean supported = forwarder.desktopSupported(); // may start AWT: never on the UI thread
            List<String> now = forwarder.problems();
            ui.post(() -> {
                desktopSupported.set(supported);
                desktopNote.set(supported ? "" : AlertForwarder.noDesktopSentence());
                problems.set(String.join("\n", now));
            });
        });
    }

    // ---- Properties

    /** Why alerts are not reaching a receiver, one sentence a line; empty when they are. */
    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** Whether the platform shows desktop notifications (true until asked). */
    public ReadOnlyBooleanProperty desktopSupportedProperty() {
        return desktopSupported.getReadOnlyProperty();
    }

    /** The one sentence saying that this desktop has no tray; empty where it has one. */
    public ReadOnlyStringProperty desktopNoteProperty() {
        return desktopNote.getReadOnlyProperty();
    }

    /** Desktop notifications wanted; remembered. */
    public BooleanProperty desktopOnProperty() {
        return desktopOn;
    }

    /** The test alert's state and result. */
    public TestAlert test() {
        return test;
    }

    // ---- Commands

    /** Sends a test alert to the profile's webhook and the desktop's notifications, off the UI thread. */
    public void sendTest() {
        // where there is no tray, the note under the list says so already
        test.send(() -> forwarder.test(profile, cluster).stream()
                .filter(said -> !said.equals(AlertForwarder.NO_TRAY_FOR_TEST)).toList());
    }

    /** Stops listening to the forwarder (the screen closed). */
    public void dispose() {
        problemsHeard.close();
    }
}
