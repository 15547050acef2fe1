package io.presenca.lessons;

import io.presenca.events.EventOutbox;
import io.presenca.store.AttendanceRecord;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns sightings into lesson statuses. Each new record is attributed, in its own transaction, to
 * the lesson of the student's class its time and gateway fall in: present, or late when first seen
 * more than LATE_AFTER_MINUTES after the start. When a lesson has ended, a timer route decides the
 * rest: enrolled students not seen are absent. Lessons that ended while the gateway was off are
 * caught up at the next start (back to LESSON_CATCH_UP_DAYS, never before this gateway first kept
 * lessons). Each status change and its event commit together.
 */
public final class LessonAttendance implements AttendanceStore.RecordedInTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(LessonAttendance.class);
    /** The {@code sync_cursors} row saying since when this gateway keeps lessons. */
    static final String TRACKED_SINCE = "lessons_tracked_since";

    private final Database db;
    private final TimetableSource timetable;
    private final String deviceId;
    private final Duration lateAfter;
    private final int earlyMinutes;
    private final int catchUpDays;
    private final ZoneId zone;
    private final Clock clock;
    private final LessonEvents events;

    public LessonAttendance(Database db, TimetableSource timetable, String deviceId, int lateAfterMinutes,
                            int earlyMinutes, int catchUpDays, ZoneId zone, Clock clock) {
        this.db = db;
        this.timetable = timetable;
        this.deviceId = deviceId;
        this.lateAfter = Duration.ofMinutes(lateAfterMinutes);
        this.earlyMinutes = earlyMinutes;
        this.catchUpDays = catchUpDays;
        this.zone = zone;
        this.clock = clock;
        this.events = new LessonEvents(deviceId);
    }

    /** Lessons that end from now on are kept (the first start of a gateway does not mark past lessons absent). */
    public void trackFrom(Instant since) {
        db.inTransaction(c -> LessonStore.cursor(c, TRACKED_SINCE, since));
    }

    /**
     * Inside the transaction of a new record: its lesson status, and its arrival or late event. Under a
     * savepoint: should this fail, the record is still committed (a sighting is never lost for its
     * status) and the lesson's end counts it.
     */
    @Override
    public void recorded(Connection c, AttendanceRecord record) throws SQLException {
        if (AttendanceStore.MANUAL.equals(record.matcher())) {
            return; // a mark by hand sets its own status
        }
        try (Statement s = c.createStatement()) {
            s.execute("SAVEPOINT lesson_status");
        }
        try {
            attribute(c, record);
            release(c, false);
        } catch (SQLException | RuntimeException e) {
            release(c, true);
            LOG.error("Lesson status of record {} not written ({}); the record is kept and the lesson's end will"
                    + " count it", record.id(), e.toString());
        }
    }

    private static void release(Connection c, boolean undo) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (undo) {
                s.execute("ROLLBACK TO lesson_status");
            }
            s.execute("RELEASE lesson_status");
        }
    }

    private void attribute(Connection c, AttendanceRecord record) throws SQLException {
        LocalDate day = LocalDateTime.ofInstant(record.capturedAt(), zone).toLocalDate();
        Optional<LessonOnDate> lesson = lessonOf(c, record.studentId(), record.deviceId(), record.capturedAt());
        LessonStatus status = null;
        if (lesson.isPresent() && !LessonStore.ended(c, lesson.get())) {
            status = statusAt(lesson.get(), record.capturedAt());
            if (!LessonStore.insertStatus(c, lesson.get(), record.studentId(), status, record.id(),
                    record.capturedAt(), clock.instant())) {
                status = null; // already decided by an earlier sighting or a teacher
            }
        }
        boolean firstToday = !LessonStore.seenBetween(c, record.studentId(), day.atStartOfDay(zone).toInstant(),
                record.capturedAt(), record.id());
        if (firstToday) {
            events.write(c, EventOutbox.ARRIVAL, record.capturedAt(), record.studentId(), lesson.orElse(null), status,
                    record.id(), LessonEvents.seenAt(record.capturedAt()));
        }
        if (status == LessonStatus.LATE) {
            events.write(c, EventOutbox.LATE, record.capturedAt(), record.studentId(), lesson.get(), status,
                    record.id(), LessonEvents.seenAt(record.capturedAt()));
        }
    }

    /**
     * Timer-route step: every lesson this gateway watches that has ended and was not dealt with yet
     * gets its statuses completed (sightings not yet counted, then absences). Returns how many lessons.
     */
    public int closeEndedLessons() {
        Instant now = clock.instant();
        Instant trackedSince = db.inTransaction(c -> LessonStore.cursor(c, TRACKED_SINCE, now));
        LocalDate today = LocalDateTime.ofInstant(now, zone).toLocalDate();
        int closed = 0;
        for (LocalDate day = today.minusDays(catchUpDays); !day.isAfter(today); day = day.plusDays(1)) {
            for (LessonOnDate lesson : timetable.current().lessonsOn(day)) {
                Instant end = lesson.endsAt(zone);
                if (lesson.lesson().watchedBy(deviceId) && !end.isAfter(now) && end.isAfter(trackedSince)
                        && close(lesson, now)) {
                    closed++;
                }
            }
        }
        return closed;
    }

    private boolean close(LessonOnDate lesson, Instant now) {
        Map<LessonStatus, Long> counts = db.inTransaction(c -> {
            if (LessonStore.ended(c, lesson)) {
                return null; // another process closed it a moment ago
            }
            Instant opens = lesson.startsAt(zone).minus(Duration.ofMinutes(earlyMinutes));
            for (LessonStore.Sighting seen : LessonStore.sightings(c, lesson.className(), opens, lesson.endsAt(zone))) {
                Optional<LessonOnDate> its = lessonOf(c, seen.studentId(), seen.deviceId(), seen.capturedAt());
                if (its.isPresent() && its.get().equals(lesson)) {
                    LessonStatus status = statusAt(lesson, seen.capturedAt());
                    if (LessonStore.insertStatus(c, lesson, seen.studentId(), status, seen.recordId(),
                            seen.capturedAt(), now) && status == LessonStatus.LATE) {
                        events.write(c, EventOutbox.LATE, seen.capturedAt(), seen.studentId(), lesson, status,
                                seen.recordId(), LessonEvents.seenAt(seen.capturedAt()));
                    }
                }
            }
            int absent = 0;
            for (LessonStore.Enrolled student : LessonStore.enrolled(c, lesson.className())) {
                if (LessonStore.insertStatus(c, lesson, student.id(), LessonStatus.ABSENT, null, null, now)) {
                    events.write(c, EventOutbox.ABSENT, now, student.id(), lesson, LessonStatus.ABSENT, null, Map.of());
                    absent++;
                }
            }
            LessonStore.markEnded(c, lesson, now, absent);
            return countsOf(c, lesson);
        });
        if (counts == null) {
            return false;
        }
        LOG.info("Lesson ended: {}-{}: {} present, {} late, {} absent, {} excused, {} marked by hand, {} void", lesson,
                lesson.lesson().end(), counts.get(LessonStatus.PRESENT), counts.get(LessonStatus.LATE),
                counts.get(LessonStatus.ABSENT), counts.get(LessonStatus.EXCUSED), counts.get(LessonStatus.MANUAL),
                counts.get(LessonStatus.VOID));
        return true;
    }

    /** The lessons of {@code date} with their counts so far: what the dashboard's day view lists. */
    public List<LessonSummary> day(LocalDate date, String className) {
        LessonStore store = new LessonStore(db);
        return timetable.current().lessonsOn(date).stream()
                .filter(l -> className == null || l.className().equals(className))
                .map(l -> new LessonSummary(l, db.withConnection(c -> countsOf(c, l)), store.hasEnded(l)))
                .toList();
    }

    Optional<LessonOnDate> lessonOf(Connection c, String studentId, String device, Instant at) throws SQLException {
        Optional<String> className = LessonStore.classOf(c, studentId);
        if (className.isEmpty() || className.get() == null) {
            return Optional.empty();
        }
        return timetable.current().lessonAt(className.get(), device, LocalDateTime.ofInstant(at, zone), earlyMinutes);
    }

    private LessonStatus statusAt(LessonOnDate lesson, Instant seen) {
        return seen.isAfter(lesson.startsAt(zone).plus(lateAfter)) ? LessonStatus.LATE : LessonStatus.PRESENT;
    }

    private static Map<LessonStatus, Long> countsOf(Connection c, LessonOnDate lesson) throws SQLException {
        Map<LessonStatus, Long> counts = new EnumMap<>(LessonStatus.class);
        for (LessonStatus status : LessonStatus.values()) {
            counts.put(status, 0L);
        }
        io.presenca.store.Sql.list(c, """
                SELECT status, count(*) FROM lesson_attendance
                WHERE class_name = ? AND lesson_date = ? AND starts_at = ? GROUP BY status""",
                row -> counts.put(LessonStatus.fromColumn(row.getString(1)), row.getLong(2)),
                lesson.className(), lesson.date().toString(), lesson.lesson().start().toString());
        return counts;
    }

    public ZoneId zone() {
        return zone;
    }

    public Clock clock() {
        return clock;
    }

    public TimetableSource timetable() {
        return timetable;
    }
}
