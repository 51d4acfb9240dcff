package dev.highwater.ui.shell;

import dev.highwater.core.connect.ConnectionProfile;

/**
 * One try at connecting to a user's cluster. It ends once, whichever comes first: the cluster answered (and the
 * new connection replaced the old), it failed, the user cancelled it, another attempt took its place, or it ran
 * out of time. Whatever its background work finds after that is thrown away, so a late answer never replaces
 * the connection the user has gone on with.
 */
final class ConnectionAttempt {

    private final ConnectionProfile profile;
    private boolean ended; // guarded by this

    ConnectionAttempt(ConnectionProfile profile) {
        this.profile = profile;
    }

    ConnectionProfile profile() {
        return profile;
    }

    /** Ends the attempt; true for the one caller that ended it, false when it had ended already. */
    synchronized boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }

    synchronized boolean ended() {
        return ended;
    }

    /** "Staging (broker1:9093)", as the status bar names the attempt. */
    String describe() {
        return profile.name() + " (" + profile.bootstrap() + ")";
    }
}
