package io.presenca.sync;

import io.presenca.store.PendingRecord;
import io.presenca.store.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One pass of the attendance sync: batches are taken, oldest capture first and each record at most
 * once, until none is left or one fails. A scheduled pass only takes records whose retry time has
 * come; {@code sync --once} takes every pending one. The route's select reads where the pass stands
 * from here ({@link #dueBy()}, {@link #afterCapturedAt()}, {@link #afterId()}).
 */
public final class SyncRun {

    /** Later than any retry time: {@code sync --once} sends records whose retry time has not come. */
    private static final String ANY_TIME = "9999-12-31T23:59:59.999Z";

    private final String dueBy;
    private volatile String stoppedBecause;
    private volatile PendingRecord lastHandedOut;
    /** Pending records not yet sent in this pass; -1 until the first batch counts them. */
    private long pendingLeft = -1;

    /** {@code dueOnly}: only records whose retry time is at or before {@code openedAt}. */
    public SyncRun(boolean dueOnly, Instant openedAt) {
        this.dueBy = dueOnly ? Timestamps.format(openedAt) : ANY_TIME;
    }

    /** Records whose {@code next_attempt_at} is later than this wait for another pass. */
    public String dueBy() {
        return dueBy;
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

    /** Capture time of the last record handed out in this pass ("" before the first): the next batch starts after it. */
    public String afterCapturedAt() {
        PendingRecord last = lastHandedOut;
        return last == null ? "" : Timestamps.format(last.capturedAt());
    }

    /** Id of the last record handed out, which breaks ties between records captured at the same time. */
    public String afterId() {
        PendingRecord last = lastHandedOut;
        return last == null ? "" : last.id();
    }

    /**
     * Pending records left once {@code batch} is settled: counted in SQLite at the pass's first batch
     * ({@code countPending}), then lowered by each batch. Counting again per batch would read the whole
     * backlog's index every time, which grows with the square of a long backlog; a record captured
     * during the pass is counted by the next pass.
     */
    synchronized long pendingAfter(SyncBatch batch, LongSupplier countPending) {
        if (pendingLeft < 0) {
            pendingLeft = countPending.getAsLong();
        }
        pendingLeft = Math.max(0, pendingLeft - batch.size());
        return pendingLeft;
    }

    void handedOut(List<PendingRecord> batch) {
        lastHandedOut = batch.get(batch.size() - 1);
    }
}
