package io.presenca.attendance;

import io.presenca.store.AttendanceRecord;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Student;
import io.presenca.store.StudentStore;
import io.presenca.matching.MatchSource;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture-route step: writes an accepted student's attendance, unless they already have one within
 * the duplicate window. The check and the insert share one SQLite transaction, so the window holds
 * across restarts and concurrent writers.
 */
public final class AttendanceRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(AttendanceRecorder.class);

    private final AttendanceStore attendance;
    private final StudentStore students;
    private final String deviceId;
    private final Duration duplicateWindow;
    private final AfterRecord afterRecord;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<MatchSource, AtomicLong> recordedBy = new EnumMap<>(MatchSource.class);

    /** Told of every record once it is committed, e.g. to check a local fallback with Rekognition later. */
    @FunctionalInterface
    public interface AfterRecord {
        void recorded(AttendanceRecord record, Identification identification);
    }

    public AttendanceRecorder(AttendanceStore attendance, StudentStore students, String deviceId,
                              Duration duplicateWindow) {
        this(attendance, students, deviceId, duplicateWindow, (record, identification) -> { });
    }

    public AttendanceRecorder(AttendanceStore attendance, StudentStore students, String deviceId,
                              Duration duplicateWindow, AfterRecord afterRecord) {
        this.attendance = attendance;
        this.students = students;
        this.deviceId = deviceId;
        this.duplicateWindow = duplicateWindow;
        this.afterRecord = afterRecord;
        for (MatchSource source : MatchSource.values()) {
            recordedBy.put(source, new AtomicLong());
        }
    }

    public Optional<AttendanceRecord> record(Identification confirmed) {
        Optional<AttendanceRecord> record = attendance.recordUnlessRecent(confirmed.studentId(), deviceId,
                confirmed.capturedAt(), confirmed.similarity(), confirmed.meanDistance(), confirmed.matcher().column(),
                duplicateWindow);
        if (record.isPresent()) {
            recorded.incrementAndGet();
            recordedBy.get(confirmed.matcher()).incrementAndGet();
            String name = students.find(confirmed.studentId()).map(Student::name).orElse(null);
            LOG.info("Attendance recorded: student {}{} at {}, confidence {} % over {} frames ({}, {}), record {}",
                    confirmed.studentId(), name == null ? "" : " (" + name + ")", record.get().capturedAt(),
                    String.format("%.1f", confirmed.similarity()), confirmed.frames(), confirmed.matcher().column(),
                    confirmed.origin(), record.get().id());
            afterRecord.recorded(record.get(), confirmed);
        } else {
            duplicates.incrementAndGet();
            LOG.debug("Student {} seen again within {} min: not recorded twice", confirmed.studentId(),
                    duplicateWindow.toMinutes());
        }
        return record;
    }

    public long recorded() {
        return recorded.get();
    }

    /** Records written so far whose student was decided by {@code source}. */
    public long recordedBy(MatchSource source) {
        return recordedBy.get(source).get();
    }

    public long duplicatesSkipped() {
        return duplicates.get();
    }
}
