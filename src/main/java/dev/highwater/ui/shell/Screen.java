package dev.highwater.ui.shell;

import javafx.scene.Node;

/** An area's content for one connection: its node, and what to release when the connection goes. */
public interface Screen {

    Node root();

    /** Stops listening to the connection's services, so the closed screen can be collected. */
    void dispose();

    /** A screen of that node, released by {@code dispose}. */
    static Screen of(Node root, Runnable dispose) {
        return new Screen() {
            @Override
            public Node root() {
                return root;
            }

            @Override
            public void dispose() {
                dispose.run();
            }
        };
    }
}
