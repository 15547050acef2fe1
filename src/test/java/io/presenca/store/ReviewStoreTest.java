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
    void aStudentIsQueuedOncePerWindowAndNotAtAllWhenAlreadyRecorded() {
        assertTrue(reviews.addUnlessRecent(lookAlike(EIGHT_AM), WINDOW).isPresent());
        assertTrue(reviews.addUnlessRecent(lookAlike(EIGHT_AM.plusSeconds(60)), WINDOW).isEmpty());
        assertTrue(reviews.addUnlessRecent(lookAlike(EIGHT_AM.plus(WINDOW)), WINDOW).isPresent(), "next visit");

        Instant nine = EIGHT_AM.plusSeconds(3600);
        new AttendanceStore(db).recordUnlessRecent("s1", "door", nine, 97, 0.3, "local", WINDOW);
        assertTrue(reviews.addUnlessRecent(lookAlike(nine.plusSeconds(30)), WINDOW).isEmpty(), "already present");
        assertEquals(2, reviews.open().size());
    }
}
