package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewStoreTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Instant EIGHT_AM = Instant.parse("2026-11-24T08:00:00.000Z");

    private final Database db = Database.open(TestFiles.freshDatabaseFile());
    private final ReviewStore reviews = new ReviewStore(db);

    ReviewStoreTest() {
        StudentStore students = new StudentStore(db);
        students.upsert("s1", "Ana", "5A");
        students.upsert("s2", "Ana's twin", "5A");
    }

    private static ReviewItem lookAlike(Instant at) {
        return new ReviewItem(null, "s1", "s2", "door", at, "low_margin", 0.30, 0.33, 96.0, "local",
                new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}, null, null);
    }

    @Test
    void anItemIsStoredOpenWithItsFaceAndBothCandidates() {
        ReviewItem stored = reviews.addUnlessRecent(lookAlike(EIGHT_AM), WINDOW).orElseThrow();

        List<ReviewItem> open = reviews.open();
        assertEquals(1, open.size());
        ReviewItem item = open.get(0);
        assertEquals(stored.id(), item.id());
        assertEquals("s1", item.studentId());
        assertEquals("s2", item.runnerUpId());
        assertEquals("low_margin", item.reason());
        assertEquals(0.33, item.runnerUpDistance(), 1e-12);
        assertEquals("open", item.status());
        assertEquals(EIGHT_AM, item.capturedAt());
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}, item.faceJpeg());
    }

    @Test
    void rejectingAnItemWithItsDescriptorTeachesANegativeForItsStudentStoredEncrypted() {
        float[] face = {0.25f, -0.5f, 0.75f};
        ReviewItem withFace = reviews.addUnlessRecent(lookAlike(EIGHT_AM), WINDOW, "dlib", face).orElseThrow();
        ReviewItem withoutFace = reviews.addUnlessRecent(lookAlike(EIGHT_AM.plus(WINDOW)), WINDOW).orElseThrow();

        reviews.reject(withFace.id(), "secretary");
        reviews.reject(withoutFace.id(), "secretary");

        NegativeFaceStore negatives = new NegativeFaceStore(db);
        assertEquals(1, negatives.count("s1"), "only the item that kept its face can teach");
        assertArrayEquals(face, negatives.negatives("s1", "dlib").get(0));
        assertTrue(negatives.negatives("s1", "omz").isEmpty(), "a negative is compared only with its own model");
        assertEquals(0, negatives.count("s2"), "the runner-up is not taught anything");
        byte[] stored = db.withConnection(c -> Sql.first(c, "SELECT descriptor FROM negative_faces", row -> row.getBytes(1)))
                .orElseThrow();
        assertTrue(stored.length > DescriptorCodec.encode(face).length, "stored encrypted, not as the plain floats");
    }

    @Test
    void aStudentIsQueuedOncePerWindowAndNotAtAllWhenAlreadyRecorded() {
        assertTrue(reviews.addUnlessRecent(lookAlike(EIGHT_AM), WINDOW).isPresent());
        assertTrue(reviews.addUnlessRecent(lookAlike(EIGHT_AM.plusSeconds(60)), WINDOW).isEmpty());
        assertTrue(reviews.addUnlessRecent(lookAlike(EIGHT_AM.plus(WINDOW)), WINDOW).isPresent(), "next visit");

        Instant nine = EIGHT_AM.plusSeconds(3600);
        new AttendanceStore(db).recordUnlessRecent("s1", "door", nine, 97, 0.3, "local", WINDOW);
        assertTrue(reviews.addUnlessRecent(lookAlike(nine.plusSeconds(30)), WINDOW).isEmpty(), "already present");
        assertEquals(2, reviews.open().size());
    }

    @Test
    void acceptingMakesTheAttendanceRecordAndClosesTheItemTogether() {
        ReviewItem item = reviews.addUnlessRecent(lookAlike(EIGHT_AM), WINDOW).orElseThrow();

        String recordId = reviews.accept(item.id(), "secretary", WINDOW);

        AttendanceRecord record = new AttendanceStore(db).find(recordId).orElseThrow();
        assertEquals("s1", record.studentId());
        assertEquals(EIGHT_AM, record.capturedAt());
        assertEquals(SyncStatus.PENDING, record.syncStatus(), "an accepted face is synced like any record");
        ReviewItem closed = reviews.find(item.id()).orElseThrow();
        assertEquals("accepted", closed.status());
        assertTrue(reviews.open().isEmpty());
        assertEquals(recordId, db.withConnection(c -> Sql.first(c,
                "SELECT attendance_id || '/' || resolved_by AS r FROM review_items WHERE id = ?",
                row -> row.getString("r"), item.id()).orElseThrow()).split("/")[0]);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> reviews.accept(item.id(), "secretary", WINDOW), "decided once");
        assertEquals(1, new AttendanceStore(db).count());
    }

    @Test
    void acceptingWhenTheStudentWasRecordedMeanwhileLinksThatRecordInsteadOfADuplicate() {
        ReviewItem item = reviews.addUnlessRecent(lookAlike(EIGHT_AM), WINDOW).orElseThrow();
        String existing = new AttendanceStore(db).recordUnlessRecent("s1", "door", EIGHT_AM.plusSeconds(120), 97, 0.3,
                "local", WINDOW).orElseThrow().id();

        assertEquals(existing, reviews.accept(item.id(), "secretary", WINDOW));
        assertEquals(1, new AttendanceStore(db).count());
    }

    @Test
    void rejectingKeepsTheFaceAsANegativeForThatStudentAndRecordsNothing() {
        ReviewItem item = reviews.addUnlessRecent(lookAlike(EIGHT_AM), WINDOW).orElseThrow();

        reviews.reject(item.id(), "secretary");

        ReviewItem kept = reviews.find(item.id()).orElseThrow();
        assertEquals("rejected", kept.status());
        assertEquals("s1", kept.studentId());
        assertArrayEquals(item.faceJpeg(), kept.faceJpeg());
        assertEquals(0, new AttendanceStore(db).count());
        assertEquals(0, reviews.countOpen());
    }
}
