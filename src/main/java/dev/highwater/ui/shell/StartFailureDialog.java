package dev.highwater.ui.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Says why the embedded demo did not start and offers what to do next. */
public final class StartFailureDialog {

    public static final ButtonType FREE_PORTS = new ButtonType("Start on free ports", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType CONNECT = new ButtonType("Connect to a cluster…", ButtonBar.ButtonData.OTHER);
    public static final ButtonType QUIT = new ButtonType("Quit", ButtonBar.ButtonData.CANCEL_CLOSE);

    private StartFailureDialog() {
    }

    /** Builds the dialog; the caller shows it and acts on the button. */
    public static Alert of(String problem, Window owner) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", FREE_PORTS, CONNECT, QUIT);
        alert.initOwner(owner);
        alert.setTitle("The embedded demo did not start");
        alert.setHeaderText("The embedded demo did not start");
        alert.setContentText(capitalised(problem) + "\n\nStart it on ports the system picks, connect to a cluster"
                + " of yours instead, or quit.");
        alert.getDialogPane().setId("start-failure");
        alert.getDialogPane().setMinWidth(520);
        return alert;
    }

    private static String capitalised(String s) {
        if (s == null || s.isEmpty()) {
            return "An unknown problem.";
        }
        String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }
}
