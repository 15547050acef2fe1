package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.store.StudentStore;
import io.presenca.store.SyncQueue;
import io.presenca.store.SyncStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordCleanupTest {

    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    private final Database db = Database.open(Path.of("target", "test-data", UUID.randomUUID().toString(), "a.db"));
    private final AttendanceStore attendance = new AttendanceStore(db);

    private String record(String student, int daysAgo, SyncStatus status) {
        new StudentStore(db).upsert(student, null, null);
        String id = attendance.recordUnlessRecent(student, "door", NOW.minus(Duration.ofDays(daysAgo)), 97, 0.3, "local",
                Duration.ZERO).orElseThrow().id();
        db.withConnection(c -> Sql.update(c, "UPDATE attendance_records SET sync_status = ? WHERE id = ?",
                status.column(), id));
        return id;
    }

    @Test
    void onlyOldSyncedRecordsAreDeletedRejectedAndDeadWaitForAPerson() {
        for (SyncStatus status : SyncStatus.values()) {
            record("old-" + status.column(), 31, status);
            record("recent-" + status.column(), 29, status);
        }

        int deleted = new RecordCleanup(new SyncQueue(db), 30, Clock.fixed(NOW, ZoneOffset.UTC)).deleteOldSettledRecords();

        assertEquals(1, deleted);
        assertEquals(Map.of(SyncStatus.PENDING, 2L, SyncStatus.SYNCED, 1L, SyncStatus.REJECTED, 2L, SyncStatus.DEAD, 2L),
                new SyncQueue(db).countByStatus());
        assertEquals(0, attendance.countFor("old-synced"));
        assertEquals(1, attendance.countFor("old-rejected"), "nobody may have seen why it was refused");
        assertEquals(2, new SyncQueue(db).countUnresolvedCapturedBefore(NOW.minus(Duration.ofDays(30))),
                "the old rejected and dead records, for the dashboard's warning");
    }

    @Test
    void anOldSyncedRecordStaysWhileAReviewItemAboutItIsOpen() {
        String disputed = record("ana", 31, SyncStatus.SYNCED);
        reviewAbout(disputed, "open");

        int deleted = new RecordCleanup(new SyncQueue(db), 30, Clock.fixed(NOW, ZoneOffset.UTC)).deleteOldSettledRecords();

        assertEquals(0, deleted);
        assertEquals(1L, (long) db.withConnection(c -> Sql.count(c, "SELECT COUNT(*) FROM review_items WHERE status = 'open'")));
    }

    private void reviewAbout(String recordId, String status) {
        db.withConnection(c -> Sql.update(c, """
                INSERT INTO review_items(id, student_id, device_id, captured_at, reason, distance, confidence, matcher,
                    status, attendance_id, created_at)
                SELECT ?, student_id, device_id, captured_at, 'near_threshold', 0.5, 94, 'local', ?, id, ?
                FROM attendance_records WHERE id = ?""", UUID.randomUUID().toString(), status, NOW, recordId));
    }

    @Test
    void aReviewItemAboutAnOldRecordIsDeletedWithIt() {
        String old = record("ana", 31, SyncStatus.SYNCED);
        String recent = record("bia", 1, SyncStatus.SYNCED);
        for (String recordId : new String[] {old, recent}) {
            reviewAbout(recordId, "accepted");
        }

        int deleted = new RecordCleanup(new SyncQueue(db), 30, Clock.fixed(NOW, ZoneOffset.UTC)).deleteOldSettledRecords();

        assertEquals(1, deleted, "the foreign key from review_items must not block the cleanup");
        assertEquals(1L, (long) db.withConnection(c -> Sql.count(c, "SELECT COUNT(*) FROM review_items WHERE attendance_id = ?",
                recent)));
        assertEquals(0L, (long) db.withConnection(c -> Sql.count(c, "SELECT COUNT(*) FROM review_items")) - 1);
    }
}
