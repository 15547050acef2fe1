package io.presenca.attendance;

import io.presenca.matching.MatchSource;
import io.presenca.store.AttendanceRecord;
import io.presenca.store.AttendanceStore;
import io.presenca.store.DatabaseException;
import io.presenca.store.Sighting;
import io.presenca.store.WriteFault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture-route step: writes an accepted student's attendance, unless they already have one within
 * the duplicate window. The check and the insert share one SQLite transaction, so the window holds
 * across restarts and concurrent writers. When SQLite cannot write (full disk, damaged or locked
 * file) the sighting waits (see {@link WaitingAttendance}) and is written, in capture order, as soon
 * as it can: at the next confirmed student or the next tick of the waiting-attendance route.
 */
public final class AttendanceRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(AttendanceRecorder.class);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final AttendanceStore attendance;
    private final WaitingAttendance waiting;
    private final Path databaseFile;
    private final String deviceId;
    private final Duration duplicateWindow;
    private final AfterRecord afterRecord;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<MatchSource, AtomicLong> recordedBy = new EnumMap<>(MatchSource.class);
    /** Why SQLite refused the last write, while attendance waits; null when it accepts writes. */
    private volatile WriteFault fault;

    /** Told of every record once it is committed, e.g. to check a local fallback with Rekognition later. */
    @FunctionalInterface
    public interface AfterRecord {
        void recorded(AttendanceRecord record, Identification identification);
    }

    public AttendanceRecorder(AttendanceStore attendance, WaitingAttendance waiting, Path databaseFile, String deviceId,
                              Duration duplicateWindow) {
        this(attendance, waiting, databaseFile, deviceId, duplicateWindow, (record, identification) -> { });
    }

    public AttendanceRecorder(AttendanceStore attendance, WaitingAttendance waiting, Path databaseFile, String deviceId,
                              Duration duplicateWindow, AfterRecord afterRecord) {
        this.attendance = attendance;
        this.waiting = waiting;
        this.databaseFile = databaseFile;
        this.deviceId = deviceId;
        this.duplicateWindow = duplicateWindow;
        this.afterRecord = afterRecord;
        for (MatchSource source : MatchSource.values()) {
            recordedBy.put(source, new AtomicLong());
        }
    }

    /** The new record; empty for a repeat within the duplicate window, or while the sighting waits for SQLite. */
    public synchronized Optional<AttendanceRecord> record(Identification confirmed) {
        Sighting sighting = Sighting.of(confirmed.studentId(), deviceId, confirmed.capturedAt(), confirmed.similarity(),
                confirmed.meanDistance(), confirmed.matcher().column());
        if (writeWaiting() > 0) {
            // behind the others, so records keep capture order
            if (waiting.holdsWithin(sighting.studentId(), sighting.capturedAt(), duplicateWindow)) {
                repeat(sighting);
            } else {
                keep(sighting, confirmed, fault);
            }
            return Optional.empty();
        }
        try {
            return written(sighting, confirmed, attendance.write(sighting, duplicateWindow));
        } catch (DatabaseException e) {
            keep(sighting, confirmed, WriteFault.of(e, databaseFile).orElseThrow(() -> e));
            return Optional.empty();
        }
    }

    /**
     * Writes the waiting sightings, oldest first, until SQLite refuses again (timer route, and before
     * each new one). Returns how many still wait.
     */
    public synchronized int writeWaiting() {
        Optional<WaitingAttendance.Waiting> next;
        boolean wroteAny = false;
        while ((next = waiting.oldest()).isPresent()) {
            wroteAny = true;
            WaitingAttendance.Waiting first = next.get();
            try {
                written(first.sighting(), first.identification(), attendance.write(first.sighting(), duplicateWindow));
            } catch (DatabaseException e) {
                Optional<WriteFault> refused = WriteFault.of(e, databaseFile);
                if (refused.isPresent()) {
                    fault = refused.get();
                    return waiting.size();
                }
                // not the disk or the file but this sighting (its student erased meanwhile): waiting cannot help it
                LOG.error("Attendance of student {} at {} cannot be written and is dropped: {}",
                        first.sighting().studentId(), first.sighting().capturedAt(), e.getMessage());
            }
            waiting.written(first);
        }
        if (fault != null || wroteAny) {
            LOG.info("SQLite at {} accepts writes: every waiting attendance is written", databaseFile);
            fault = null;
        }
        return 0;
    }

    /** Sightings waiting for SQLite, in memory and in the spill file. */
    public int waiting() {
        return waiting.size();
    }

    /** "disk full at /path/attendance.db: 3 attendances waiting (oldest 12:01:05)", or empty while SQLite accepts writes. */
    public Optional<String> writeProblem() {
        WriteFault current = fault;
        int count = waiting.size();
        if (count == 0) {
            return Optional.empty();
        }
        Instant oldest = waiting.oldestCapture();
        return Optional.of((current == null ? "left by the last run" : current.problem()) + " at " + databaseFile + ": " + count
                + (count == 1 ? " attendance" : " attendances") + " waiting"
                + (oldest == null ? "" : " (oldest " + CLOCK_TIME.format(oldest) + ")"));
    }

    private Optional<AttendanceRecord> written(Sighting sighting, Identification identification,
                                               Optional<AttendanceRecord> record) {
        if (record.isEmpty()) {
            repeat(sighting);
            return record;
        }
        MatchSource matcher = identification != null ? identification.matcher() : Arrays.stream(MatchSource.values())
                .filter(source -> source.column().equals(sighting.matcher())).findFirst().orElse(MatchSource.LOCAL);
        recorded.incrementAndGet();
        recordedBy.get(matcher).incrementAndGet();
        // the id only: names stay in SQLite, where erase reaches them (PRIVACY.md)
        LOG.info("Attendance recorded: student {} at {}, confidence {} % ({}{}), record {}", sighting.studentId(),
                record.get().capturedAt(), String.format("%.1f", sighting.confidence()), sighting.matcher(),
                identification == null ? ", written after waiting for SQLite"
                        : ", over " + identification.frames() + " frames, " + identification.origin(),
                record.get().id());
        if (identification != null) {
            afterRecord.recorded(record.get(), identification);
        }
        return record;
    }

    private void repeat(Sighting sighting) {
        duplicates.incrementAndGet();
        LOG.debug("Student {} seen again within {} min: not recorded twice", sighting.studentId(), duplicateWindow.toMinutes());
    }

    private void keep(Sighting sighting, Identification confirmed, WriteFault refused) {
        fault = refused;
        if (waiting.add(sighting, confirmed)) {
            LOG.warn("Attendance of student {} at {} waits: {}. {} It is kept in {} (SPILL_PATH) and written as soon as"
                    + " SQLite accepts writes.", sighting.studentId(), sighting.capturedAt(), writeProblem().orElse(""),
                    refused == null ? "" : refused.remedy(), waiting.spill().path());
        }
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
