package dev.highwater.notify;

import dev.highwater.core.notify.AlertChannel;
import dev.highwater.core.notify.AlertDeliveryException;
import dev.highwater.core.notify.AlertEvent;
import dev.highwater.core.lag.Alert;

import java.awt.AWTError;
import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.net.URL;
import java.util.Optional;

/**
 * Alerts as desktop notifications: a Highwater icon in the system tray, added at the first alert, and a message
 * from it per event. Only where the platform has a tray (most desktops; not a bare X server or a headless
 * machine). Called on the delivery thread, never on the JavaFX thread: AWT's first calls start its toolkit.
 */
final class TrayNotifications implements AlertChannel {

    private static final int MAX_TEXT = 240;
    private TrayIcon icon; // on the delivery thread

    private TrayNotifications() {
    }

    /** The tray's notifications, or empty where there is no tray (asked once, off the JavaFX thread). */
    static Optional<AlertChannel> ifSupported() {
        try {
            if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
                return Optional.empty();
            }
        } catch (RuntimeException | AWTError | LinkageError e) {
            return Optional.empty(); // a platform whose AWT cannot start is one without a tray
        }
        return Optional.of(new TrayNotifications());
    }

    @Override
    public String describe() {
        return "desktop notifications";
    }

    @Override
    public synchronized String deliver(AlertEvent event) {
        try {
            if (icon == null) {
                TrayIcon made = new TrayIcon(image(), "Highwater");
                made.setImageAutoSize(true);
                SystemTray.getSystemTray().add(made);
                icon = made;
            }
        } catch (AWTException | RuntimeException e) {
            throw new AlertDeliveryException("the system tray refused the icon (" + e.getMessage() + ")",
                    "switch desktop notifications off, or use a webhook");
        }
        String caption = "Highwater: " + (event.kind() == AlertEvent.Kind.TEST ? "test alert"
                : event.severity().name() + " " + event.kind().word());
        String text = event.source() + ": " + event.message();
        icon.displayMessage(caption, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text,
                event.kind() == AlertEvent.Kind.CLEARED || event.kind() == AlertEvent.Kind.TEST
                        ? TrayIcon.MessageType.INFO
                        : event.severity() == Alert.Severity.CRITICAL ? TrayIcon.MessageType.ERROR
                        : TrayIcon.MessageType.WARNING);
        return "shown";
    }

    private static Image image() {
        URL png = TrayNotifications.class.getResource("/dev/highwater/ui/icons/highwater-32.png");
        return Toolkit.getDefaultToolkit().getImage(png);
    }
}
