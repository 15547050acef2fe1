package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presenca.store.PendingRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pending count a pass reports to PostgreSQL with each batch, counted in SQLite once per pass. */
class SyncRunTest {

    private final SyncRun run = new SyncRun(true, Instant.parse("2026-03-02T12:00:00Z"));
    private final AtomicInteger counts = new AtomicInteger();

    @Test
    void thePendingCountIsTakenAtTheFirstBatchAndLoweredByEachBatchAfter() {
        assertEquals(1500, run.pendingAfter(batchOf(1000), () -> counted(2500)));
        assertEquals(500, run.pendingAfter(batchOf(1000), () -> counted(2500)));
        assertEquals(0, run.pendingAfter(batchOf(500), () -> counted(2500)));
        assertEquals(1, counts.get(), "SQLite is counted once per pass, not once per batch");
    }

    @Test
    void recordsSettledElsewhereDuringThePassNeverMakeTheCountNegative() {
        assertEquals(0, run.pendingAfter(batchOf(20), () -> counted(15)));
        assertEquals(0, run.pendingAfter(batchOf(20), () -> counted(15)));
    }

    @Test
    void anotherPassCountsAgain() {
        run.pendingAfter(batchOf(10), () -> counted(40));
        SyncRun next = new SyncRun(true, Instant.parse("2026-03-02T12:05:00Z"));

        assertEquals(35, next.pendingAfter(batchOf(10), () -> counted(45)));
        assertEquals(2, counts.get());
    }

    private long counted(long pending) {
        counts.incrementAndGet();
        return pending;
    }

    private SyncBatch batchOf(int size) {
        List<PendingRecord> records = IntStream.range(0, size).mapToObj(i -> new PendingRecord("r" + i, "s", "d",
                Instant.parse("2026-03-02T08:00:00Z").plusSeconds(i), 97.0, 0.3, "local", 0)).toList();
        return new SyncBatch(run, records);
    }
}
