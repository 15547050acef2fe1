package io.presenca.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.AttendanceStore;
import io.presenca.store.Consent;
import io.presenca.store.ConsentStore;
import io.presenca.store.Database;
import io.presenca.store.RecheckStore;
import io.presenca.store.ReviewItem;
import io.presenca.store.NegativeFaceStore;
import io.presenca.store.ReviewStore;
import io.presenca.store.Sql;
import io.presenca.store.StudentStore;
import io.presenca.store.TemplateStore;
import io.presenca.store.UnknownFaceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** EVIDENCE_RETENTION_DAYS and the erasure that follows a withdrawal, as the daily route step does them. */
class EvidenceRetentionTest {

    private static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");

    private final Path home = Path.of("target", "test-data", UUID.randomUUID().toString());
    private final Path faces = home.resolve("faces");
    private final Database db = Database.open(home.resolve("attendance.db"));

    private String review(String student, Instant at) {
        return new ReviewStore(db).addUnlessRecent(new ReviewItem(null, student, null, "door", at, "near_threshold", 0.5, null,
                94.5, "local", new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}, "open", null), Duration.ZERO).orElseThrow().id();
    }

    private String recheck(String student, Instant at) {
        String record = new AttendanceStore(db).recordUnlessRecent(student, "door", at, 96, 0.4, "local-fallback",
                Duration.ZERO).orElseThrow().id();
        new RecheckStore(db).add(record, student, new byte[] {9, 9, 9});
        return record;
    }

    private byte[] crop(String record) {
        return db.withConnection(c -> Sql.first(c, "SELECT crop FROM rekognition_rechecks WHERE attendance_id = ?",
                row -> row.getBytes(1), record)).orElse(null);
    }

    @Test
    void evidenceOlderThanTheRetentionGoesAndNewerStays() {
        new StudentStore(db).upsert("s1", null, null);
        new ReviewStore(db).reject(review("s1", NOW.minus(Duration.ofDays(8))), "admin");
        new ReviewStore(db).reject(review("s1", NOW.minus(Duration.ofDays(6))), "admin");
        String oldRecord = recheck("s1", NOW.minus(Duration.ofDays(9)));
        String newRecord = recheck("s1", NOW.minus(Duration.ofDays(1)));
        UnknownFaceStore unknownFaces = new UnknownFaceStore(db);
        unknownFaces.keep("door", NOW.minus(Duration.ofDays(10)), new byte[] {7, 7});
        unknownFaces.keep("door", NOW.minus(Duration.ofDays(2)), new byte[] {8, 8});

        // the faces behind both records; the old record was voided nine days ago, teaching a negative then
        NegativeFaceStore negatives = new NegativeFaceStore(db);
        negatives.keepRecordFace(oldRecord, "dlib", new float[] {1, 2}, NOW.minus(Duration.ofDays(9)));
        negatives.keepRecordFace(newRecord, "dlib", new float[] {3, 4}, NOW.minus(Duration.ofDays(1)));
        negatives.learnFromVoid(oldRecord, "admin");
        db.withConnection(c -> Sql.update(c, "UPDATE negative_faces SET created_at = ?", NOW.minus(Duration.ofDays(9))));

        EvidenceRetention retention = new EvidenceRetention(db, faces, 7,
                new StudentEraser(faces, db, null, null), Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(new EvidenceRetention.Result(1, 1, 1, 0, 2, 0), retention.enforce(), "one negative, one record face");
        assertEquals(0, negatives.count("s1"));
        assertEquals(1L, (long) db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM attendance_faces WHERE attendance_id = ?",
                newRecord)), "the face behind yesterday's record stays");
        assertEquals(1, unknownFaces.count(), "the unknown face of two days ago stays");
        assertEquals(1L, (long) db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM review_items")));
        assertNull(crop(oldRecord));
        assertNotNull(crop(newRecord));
        assertEquals(2, new AttendanceStore(db).count(), "attendance itself is not evidence: it stays");
        assertEquals(new EvidenceRetention.Result(0, 0, 0, 0, 0, 0), retention.enforce(), "nothing more the next day");
    }

    @Test
    void aReviewItemNobodyHasDecidedStaysPastTheRetentionUntilSomeoneDoes() {
        new StudentStore(db).upsert("s1", null, null);
        String unseen = review("s1", NOW.minus(Duration.ofDays(30)));
        EvidenceRetention retention = new EvidenceRetention(db, faces, 7,
                new StudentEraser(faces, db, null, null), Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(new EvidenceRetention.Result(0, 0, 0, 0, 0, 1), retention.enforce());
        assertTrue(new ReviewStore(db).find(unseen).isPresent(), "a student at the door would go unrecorded unseen");

        new ReviewStore(db).reject(unseen, "admin");
        assertEquals(new EvidenceRetention.Result(1, 0, 0, 0, 0, 0), retention.enforce(), "decided: its crop goes");
    }

    @Test
    void faceDataLeftOfAWithdrawnConsentIsErasedAndTheAttendanceAndWithdrawalStay() throws Exception {
        new StudentStore(db).upsert("s1", "Ana", "5A");
        new TemplateStore(db).add("s1", "m", new float[] {1, 2, 3}, "s1/a.jpg", "sha", 1);
        Files.createDirectories(faces.resolve("s1"));
        Files.write(faces.resolve("s1/a.jpg"), new byte[] {1});
        recheck("s1", NOW.minus(Duration.ofDays(1)));
        new ConsentStore(db).record(new Consent("s1", "Maria", LocalDate.of(2026, 2, 1), null, LocalDate.of(2026, 6, 1),
                Consent.FROM_CENTRAL));

        EvidenceRetention retention = new EvidenceRetention(db, faces, 7,
                new StudentEraser(faces, db, null, null), Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(1, retention.enforce().withdrawnStudentsErased());
        assertFalse(Files.exists(faces.resolve("s1")));
        assertEquals(0, new TemplateStore(db).activeTemplates("m").size());
        assertEquals(1, new AttendanceStore(db).count());
        assertTrue(new ConsentStore(db).find("s1").orElseThrow().revokedOn() != null);
        assertEquals(0, retention.enforce().withdrawnStudentsErased(), "nothing left to erase the next day");
    }
}
