package io.presenca.store;

import java.util.Locale;

/** Where an attendance record is in its trip to the school's server. */
public enum SyncStatus {
    /** Not yet accepted by the server; the sync job will (re)send it. */
    PENDING,
    SYNCED,
    /** The server refused it for a reason resending will not fix. */
    REJECTED,
    /** Gave up after too many failed attempts; kept locally, needs a person to look. */
    DEAD;

    /** The value in the {@code sync_status} column. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
