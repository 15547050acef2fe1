package io.presenca.sync;

import io.presenca.store.PendingRecord;
import java.util.List;

/**
 * One pass of the attendance sync: batches are taken, oldest capture first and each record at most
 * once, until none is left or one fails. A scheduled pass only takes records whose retry time has
 * come; {@code sync --once} takes every pending one.
 */
public final class SyncRun {

    private final boolean dueOnly;
    private volatile String stoppedBecause;
    private volatile PendingRecord lastHandedOut;

    public SyncRun(boolean dueOnly) {
        this.dueOnly = dueOnly;
    }

    public boolean dueOnly() {
        return dueOnly;
    }

    /** No further batch in this pass; the next pass starts afresh. */
    public void stop(String reason) {
        if (stoppedBecause == null) {
            stoppedBecause = reason;
        }
    }

    public boolean stopped() {
        return stoppedBecause != null;
    }

    /** The last record handed out in this pass: the next batch starts after it. */
    PendingRecord lastHandedOut() {
        return lastHandedOut;
    }

    void handedOut(List<PendingRecord> batch) {
        lastHandedOut = batch.get(batch.size() - 1);
    }
}
