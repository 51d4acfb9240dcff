package dev.highwater.core.ledger;

import dev.highwater.core.connect.ClientSettings;

import java.nio.file.Path;

/**
 * Where replays read and keep their cuts: a cluster's ledger topics and a snapshots file. The composition root
 * chooses the implementations; the caller closes what it gets.
 */
public interface LedgerSources {

    /** Reads a cluster's ledger topics (committed records only). */
    LedgerSource reader(ClientSettings cluster);

    /**
     * Opens the snapshots file, made if missing; a {@link dev.highwater.core.StoreException} when it cannot be
     * opened.
     */
    SnapshotStore snapshots(Path file);
}
