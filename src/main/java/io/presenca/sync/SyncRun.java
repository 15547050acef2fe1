package io.presenca.sync;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * One pass of the attendance sync: batches are taken until none is left or one fails. A scheduled
 * pass only takes records whose retry time has come; {@code sync --once} takes every pending one.
 */
public final class SyncRun {

    private final boolean dueOnly;
    private final Set<String> sent = new HashSet<>();
    private volatile String stoppedBecause;

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

    public String stoppedBecause() {
        return stoppedBecause;
    }

    /**
     * Notes records about to be sent; false if one was already sent in this pass, which would mean
     * the pass is going round in circles (a record neither settled nor failed): then it stops.
     */
    boolean firstTimeInThisRun(Collection<String> recordIds) {
        synchronized (sent) {
            for (String id : recordIds) {
                if (!sent.add(id)) {
                    stop("record " + id + " came back pending within one pass");
                    return false;
                }
            }
            return true;
        }
    }
}
