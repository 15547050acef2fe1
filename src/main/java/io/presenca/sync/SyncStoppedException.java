package io.presenca.sync;

/**
 * The external API answered in a way that resending cannot change: syncing stops until a person
 * fixes the cause and restarts the gateway, the records stay pending and no attempt is counted on
 * them (they are not at fault, and counting would only turn them into dead letters).
 */
public abstract class SyncStoppedException extends RuntimeException {

    private final int status;

    protected SyncStoppedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the API answered. */
    public int status() {
        return status;
    }
}
