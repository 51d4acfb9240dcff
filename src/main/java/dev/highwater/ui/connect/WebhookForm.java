package dev.highwater.ui.connect;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.notify.WebhookUrl;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.alerts.TestAlert;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The "Alerts" part of the profile form: the webhook the profile's alerts are posted to, and the test alert
 * that shows whether they arrive. A typed URL is remembered in the profiles file like the profile's other
 * settings (the file is readable by its owner only); a reference such as ${env:ALERTS_WEBHOOK} keeps it out.
 */
public final class WebhookForm {

    private final StringProperty url = new SimpleStringProperty("");
    private final TestAlert test;
    private final Function<ConnectionProfile, List<String>> alertTest; // null: alerts do not leave this app

    /**
     * @param alertTest sends a test alert to a profile's webhook and the desktop's notifications and says how it
     *                  went, one sentence a channel; run on {@code background}; null when alerts do not leave the app
     */
    WebhookForm(Function<ConnectionProfile, List<String>> alertTest, Executor background, UiThread ui) {
        this.alertTest = alertTest;
        this.test = new TestAlert(background, ui);
    }

    // ---- Properties

    /** Where the profile's alerts are posted as JSON (Slack, Teams or any receiver); blank for nowhere. */
    public StringProperty urlProperty() {
        return url;
    }

    /** The test alert's state and what it said. */
    public TestAlert test() {
        return test;
    }

    /** Whether this app sends alerts out at all (and so can test them). */
    public boolean canTest() {
        return alertTest != null;
    }

    // ---- Commands

    /**
     * Sends a test alert for the profile (its webhook as the form has it, saved or not) off the UI thread, and
     * says how it went in {@link #testResultProperty()}.
     */
    public void sendTest(ConnectionProfile profile) {
        if (alertTest == null) {
            return;
        }
        Optional<String> bad = problem();
        if (bad.isPresent()) {
            test.say(bad.get());
        } else {
            test.send(() -> alertTest.apply(profile));
        }
    }

    // ---- Internals

    void show(Secret webhook) {
        url.set(webhook.text());
        test.say("");
    }

    Secret webhook() {
        return new Secret(url.get(), true);
    }

    Optional<String> problem() {
        return WebhookUrl.problem(url.get());
    }
}
