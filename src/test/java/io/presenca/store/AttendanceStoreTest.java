package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AttendanceStoreTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Instant EIGHT_AM = Instant.parse("2026-11-24T08:00:00.000Z");

    private final Path file = TestFiles.freshDatabaseFile();
    private final Database db = Database.open(file);
    private final AttendanceStore attendance = new AttendanceStore(db);

    AttendanceStoreTest() {
        StudentStore students = new StudentStore(db);
        students.upsert("s1", "Ana", "5A");
        students.upsert("s2", "Bruno", "5B");
    }

    @Test
    void aSecondSightingInsideTheWindowIsNotRecorded() {
        assertTrue(record(attendance, "s1", EIGHT_AM).isPresent());

        assertEquals(Optional.empty(), record(attendance, "s1", EIGHT_AM.plus(Duration.ofMinutes(5))));

        assertEquals(1, attendance.countFor("s1"));
    }

    @Test
    void aSightingOutsideTheWindowIsRecorded() {
        record(attendance, "s1", EIGHT_AM);

        assertTrue(record(attendance, "s1", EIGHT_AM.plus(Duration.ofMinutes(11))).isPresent());

        assertEquals(2, attendance.countFor("s1"));
    }

    @Test
    void theWindowLooksBothWaysAndEndsExactlyAtItsLength() {
        record(attendance, "s1", EIGHT_AM);

        // Frames can arrive out of order: an earlier capture is a duplicate too.
        assertEquals(Optional.empty(), record(attendance, "s1", EIGHT_AM.minus(Duration.ofMinutes(9))));
        assertTrue(record(attendance, "s1", EIGHT_AM.minus(WINDOW)).isPresent());
    }

    @Test
    void theWindowIsPerStudent() {
        record(attendance, "s1", EIGHT_AM);

        assertTrue(record(attendance, "s2", EIGHT_AM).isPresent());

        assertEquals(2, attendance.count());
    }

    @Test
    void theWindowSurvivesARestart() {
        record(attendance, "s1", EIGHT_AM);

        AttendanceStore afterRestart = new AttendanceStore(Database.open(file));

        assertEquals(Optional.empty(), record(afterRestart, "s1", EIGHT_AM.plus(Duration.ofMinutes(5))));
        assertEquals(1, afterRestart.countFor("s1"));
    }

    @Test
    void theRecordIsStoredAsReturned() {
        AttendanceRecord recorded = attendance.recordUnlessRecent("s1", "cam-1",
                Instant.parse("2026-11-24T08:01:02.123456Z"), 0.97, 0.31, "dlib-l2", WINDOW).orElseThrow();

        assertEquals(Instant.parse("2026-11-24T08:01:02.123Z"), recorded.capturedAt(), "kept to the millisecond");
        assertEquals(SyncStatus.PENDING, recorded.syncStatus());
        assertEquals(Optional.of(recorded), attendance.find(recorded.id()));
    }

    @Test
    void concurrentSightingsOfTheSameStudentRecordOnce() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<AttendanceRecord>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String device = "cam-" + i;
                Callable<Optional<AttendanceRecord>> sighting = () -> {
                    start.await();
                    return attendance.recordUnlessRecent("s1", device, EIGHT_AM, 0.9, 0.3, "test", WINDOW);
                };
                results.add(pool.submit(sighting));
            }
            start.countDown();
            long recorded = 0;
            for (Future<Optional<AttendanceRecord>> result : results) {
                recorded += result.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertEquals(1, recorded);
            assertEquals(1, attendance.countFor("s1"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void betweenSelectsWholeLocalDaysWithNamesInTimeOrder() {
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo"); // UTC-3
        // 2026-11-24 02:30Z is still the 23rd in Sao Paulo.
        record(attendance, "s1", Instant.parse("2026-11-24T02:30:00.000Z"));
        record(attendance, "s2", Instant.parse("2026-11-24T11:00:00.000Z"));
        record(attendance, "s1", Instant.parse("2026-11-24T10:00:00.000Z"));
        record(attendance, "s1", Instant.parse("2026-11-25T03:00:00.000Z")); // the 25th locally

        List<AttendanceRow> day = attendance.between(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24), saoPaulo);

        assertEquals(List.of("s1 Ana 5A 2026-11-24T10:00:00Z", "s2 Bruno 5B 2026-11-24T11:00:00Z"),
                day.stream().map(r -> r.studentId() + " " + r.name() + " " + r.className() + " " + r.capturedAt())
                        .toList());
        assertEquals(4, attendance.between(null, null, saoPaulo).size());
        assertEquals(3, attendance.between(LocalDate.of(2026, 11, 24), null, saoPaulo).size());
        assertEquals(3, attendance.between(null, LocalDate.of(2026, 11, 24), saoPaulo).size());
    }

    private static Optional<AttendanceRecord> record(AttendanceStore store, String studentId, Instant at) {
        return store.recordUnlessRecent(studentId, "cam-1", at, 0.95, 0.35, "test", WINDOW);
    }
}
