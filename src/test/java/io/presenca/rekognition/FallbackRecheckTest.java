package io.presenca.rekognition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.attendance.Identification;
import io.presenca.matching.DecisionRule;
import io.presenca.matching.MatchSource;
import io.presenca.matching.RecognitionThreshold;
import io.presenca.rekognition.FakeRekognition.Reply;
import io.presenca.store.AttendanceRecord;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.RecheckStore;
import io.presenca.store.ReviewItem;
import io.presenca.store.ReviewStore;
import io.presenca.store.StudentStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/** Records made offline, checked with the fake Rekognition once it answers, in a real SQLite file. */
class FallbackRecheckTest {

    private static final byte[] CROP = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 42, (byte) 0xFF, (byte) 0xD9};
    private static final Instant SEEN = Instant.parse("2026-03-02T08:00:00Z");

    private final FakeRekognition fake = new FakeRekognition();
    private final RekognitionClient client = RekognitionClients.create(RekognitionTestSettings.pointingAt(fake));
    private final RekognitionLink link = new RekognitionLink("school-test", Duration.ofSeconds(30), Clock.systemUTC());
    private final DecisionRule rule = new DecisionRule(new RecognitionThreshold(95), 25, 2);
    private Instant now = SEEN.plus(Duration.ofHours(1));
    private Database db;
    private FallbackRecheck recheck;

    @BeforeEach
    void database() {
        db = Database.open(Path.of("target", "test-data", UUID.randomUUID().toString(), "attendance.db"));
        new StudentStore(db).upsert("amy", "Amy", "5A");
        new StudentStore(db).upsert("bob", "Bob", "5A");
        FaceSearch search = new FaceSearch(new FaceCollection(client, "school-test", new CallRate(1000), Duration.ofSeconds(5)), link, 93);
        recheck = new FallbackRecheck(new RecheckStore(db), search, rule, Duration.ofDays(30), Duration.ZERO,
                new Clock() {
                    @Override
                    public ZoneOffset getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return now;
                    }
                });
    }

    @AfterEach
    void close() {
        client.close();
        fake.close();
    }

    /** amy recorded as the capture route does, by {@code matcher}, then handed to the recheck. */
    private AttendanceRecord recordAmy(MatchSource matcher) {
        AttendanceRecord record = new AttendanceStore(db).recordUnlessRecent("amy", "door", SEEN, 96.1, 0.41,
                matcher.column(), Duration.ofMinutes(10)).orElseThrow();
        recheck.recorded(record, new Identification("amy", SEEN, 0.41, 96.1, "bob", 0.9, 2, "door#7", null, null,
                matcher, matcher == MatchSource.LOCAL_FALLBACK ? CROP : null));
        return record;
    }

    private RecheckStore checks() {
        return new RecheckStore(db);
    }

    @Test
    void onlyLocalFallbackRecordsAreQueued() {
        recordAmy(MatchSource.REKOGNITION);
        assertTrue(checks().pending(10).isEmpty());
        AttendanceRecord offline = new AttendanceStore(db).recordUnlessRecent("bob", "door", SEEN, 96, 0.4,
                MatchSource.LOCAL.column(), Duration.ofMinutes(10)).orElseThrow();
        recheck.recorded(offline, new Identification("bob", SEEN, 0.4, 96, null, 1, 2, "door#8", null, null,
                MatchSource.LOCAL, null));
        assertTrue(checks().pending(10).isEmpty(), "MATCHER=local records are not Rekognition's to check");
        assertEquals(0, recheck.queued());
    }

    @Test
    void whileRekognitionIsUnreachableTheCheckWaitsWithItsCrop() {
        AttendanceRecord record = recordAmy(MatchSource.LOCAL_FALLBACK);
        fake.offline(true);

        for (int i = 0; i < 5; i++) {
            recheck.recheck();
        }

        assertEquals(3, fake.requests().size(), "three tries opened the breaker; then it waits");
        assertEquals(1, checks().pending(10).size());
        assertArrayEquals(CROP, checks().pending(10).get(0).crop());
        assertEquals("pending", checks().status(record.id()).orElseThrow());
    }

    @Test
    void rekognitionAgreeingClosesTheCheckAndDropsTheCrop() {
        AttendanceRecord record = recordAmy(MatchSource.LOCAL_FALLBACK);
        fake.searchFinds("amy", 98.7);

        FallbackRecheck.Report report = recheck.recheck();

        assertEquals(new FallbackRecheck.Report(1, 0, 0, 0), report);
        assertArrayEquals(CROP, fake.requests("SearchFacesByImage").get(0).imageBytes(), "the kept crop was sent");
        assertEquals("confirmed", checks().status(record.id()).orElseThrow());
        assertTrue(checks().pending(10).isEmpty());
        assertTrue(new ReviewStore(db).open().isEmpty());
        assertEquals(Map.of("confirmed", 1L), checks().counts());
        assertNullCrop(record.id());
    }

    @Test
    void rekognitionNamingSomeoneElseHoldsTheRecordForReviewWithoutChangingIt() {
        AttendanceRecord record = recordAmy(MatchSource.LOCAL_FALLBACK);
        fake.searchFinds("bob", 99.1);

        FallbackRecheck.Report report = recheck.recheck();

        assertEquals(1, report.disputed());
        List<ReviewItem> open = new ReviewStore(db).open();
        assertEquals(1, open.size());
        ReviewItem item = open.get(0);
        assertEquals("amy", item.studentId(), "the item questions amy's record");
        assertEquals("bob", item.runnerUpId(), "whom Rekognition saw instead");
        assertEquals(99.1, RecognitionThreshold.similarity(item.runnerUpDistance()), 1e-6);
        assertEquals("rekognition_disagrees", item.reason());
        assertEquals("rekognition", item.matcher());
        assertEquals(SEEN, item.capturedAt());
        assertArrayEquals(CROP, item.faceJpeg(), "the face moves to the review item");
        assertEquals(record.id(), db.withConnection(c -> io.presenca.store.Sql.first(c,
                "SELECT attendance_id FROM review_items WHERE id = ?", row -> row.getString(1), item.id())).orElseThrow());

        AttendanceRecord after = new AttendanceStore(db).find(record.id()).orElseThrow();
        assertEquals(record.studentId(), after.studentId());
        assertEquals("local-fallback", after.matcher(), "never silently overwritten");
        assertEquals(record.confidence(), after.confidence());
        assertEquals("disputed", checks().status(record.id()).orElseThrow());
        assertNullCrop(record.id());
    }

    @Test
    void rekognitionFindingNobodyOrNoFaceIsADisagreementToo() {
        recordAmy(MatchSource.LOCAL_FALLBACK);
        fake.when("SearchFacesByImage", r -> Reply.error(400, "InvalidParameterException",
                "There are no faces in the image. Should be at least 1."));

        assertEquals(1, recheck.recheck().disputed());

        ReviewItem item = new ReviewStore(db).open().get(0);
        assertNull(item.runnerUpId());
        assertNull(item.runnerUpDistance());
    }

    @Test
    void cropsThatWaitedLongerThanCleanupDaysAreDeletedUnchecked() {
        AttendanceRecord record = recordAmy(MatchSource.LOCAL_FALLBACK);
        fake.offline(true);
        now = now.plus(Duration.ofDays(31));

        assertEquals(1, recheck.recheck().expired());

        assertEquals("expired", checks().status(record.id()).orElseThrow());
        assertNullCrop(record.id());
        assertTrue(fake.requests().isEmpty(), "nothing left to send");
    }

    private void assertNullCrop(String attendanceId) {
        boolean dropped = db.withConnection(c -> io.presenca.store.Sql.exists(c,
                "SELECT 1 FROM rekognition_rechecks WHERE attendance_id = ? AND crop IS NULL", attendanceId));
        assertTrue(dropped, "the face crop is deleted once the check is closed");
    }
}
