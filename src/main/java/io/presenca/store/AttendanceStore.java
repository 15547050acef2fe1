package io.presenca.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Attendance records: written once per student per duplicate window, never deleted here. */
public final class AttendanceStore {

    /** The {@code matcher} of a record a member of staff made by hand (a teacher marking a student present). */
    public static final String MANUAL = "manual";

    /**
     * Told of each new record inside the transaction that writes it, so what follows from the record
     * (its lesson status, its event) is committed with it or not at all.
     */
    @FunctionalInterface
    public interface RecordedInTransaction {
        RecordedInTransaction NOTHING = (c, record) -> { };

        void recorded(Connection c, AttendanceRecord record) throws SQLException;
    }

    private final Database db;
    private final RecordedInTransaction recorded;

    public AttendanceStore(Database db) {
        this(db, RecordedInTransaction.NOTHING);
    }

    public AttendanceStore(Database db, RecordedInTransaction recorded) {
        this.db = db;
        this.recorded = recorded;
    }

    /**
     * Records that the student was seen, unless they already have a record captured less than
     * {@code window} before or after {@code capturedAt} (the duplicate window; a record exactly
     * {@code window} away does not count). The check and the insert share one IMMEDIATE
     * transaction, so concurrent callers and restarts cannot produce a duplicate: the window is
     * enforced from the database, not from memory.
     *
     * @return the new record, or empty if it was a duplicate
     */
    public Optional<AttendanceRecord> recordUnlessRecent(String studentId, String deviceId, Instant capturedAt,
                                                         double confidence, double distance, String matcher,
                                                         Duration window) {
        return write(Sighting.of(studentId, deviceId, capturedAt, confidence, distance, matcher), window);
    }

    /**
     * {@link #recordUnlessRecent} for a sighting with its own record id: empty as well when a record
     * with that id exists already (written before a crash made the caller forget it).
     */
    public Optional<AttendanceRecord> write(Sighting sighting, Duration window) {
        StudentStore.requireId(sighting.studentId());
        if (window.isNegative()) {
            throw new IllegalArgumentException("The duplicate window must not be negative (got " + window + ")");
        }
        return db.inTransaction(c -> {
            if (Sql.count(c, "SELECT count(*) FROM attendance_records WHERE id = ?", sighting.id()) > 0) {
                return Optional.<AttendanceRecord>empty();
            }
            Optional<AttendanceRecord> record = insertUnlessRecent(c, sighting, window);
            if (record.isPresent()) {
                recorded.recorded(c, record.get());
            }
            return record;
        });
    }

    /**
     * A record made by hand ({@code matcher=manual}, no confidence), inside the caller's transaction:
     * not subject to the duplicate window, synced like any other record.
     */
    public static AttendanceRecord insertManual(Connection c, String studentId, String deviceId, Instant at)
            throws SQLException {
        StudentStore.requireId(studentId);
        return insert(c, new AttendanceRecord(UUID.randomUUID().toString(), studentId, deviceId,
                at.truncatedTo(ChronoUnit.MILLIS), null, null, MANUAL, SyncStatus.PENDING, 0, null, null,
                Timestamps.now()));
    }

    /** The check and insert of {@link #recordUnlessRecent}, inside the caller's transaction. */
    static Optional<AttendanceRecord> insertUnlessRecent(Connection c, Sighting sighting, Duration window)
            throws SQLException {
        Instant at = sighting.capturedAt().truncatedTo(ChronoUnit.MILLIS); // what the column can hold
        if (recordWithin(c, sighting.studentId(), at, window).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(insert(c, new AttendanceRecord(sighting.id(), sighting.studentId(), sighting.deviceId(), at,
                sighting.confidence(), sighting.distance(), sighting.matcher(), SyncStatus.PENDING, 0, null, null,
                Timestamps.now())));
    }

    private static AttendanceRecord insert(Connection c, AttendanceRecord record) throws SQLException {
        Sql.update(c, """
                INSERT INTO attendance_records(id, student_id, device_id, captured_at, confidence, distance,
                    matcher, sync_status, sync_attempts, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""",
                record.id(), record.studentId(), record.deviceId(), record.capturedAt(), record.confidence(),
                record.distance(), record.matcher(), record.syncStatus().column(), record.createdAt());
        return record;
    }

    /**
     * The student's earliest record captured less than {@code window} before or after {@code at}: the
     * duplicate window (a record exactly {@code window} away does not count). A voided record does not
     * count: it was somebody else, and the student arriving after it must still be recorded.
     */
    static Optional<String> recordWithin(Connection c, String studentId, Instant at, Duration window)
            throws SQLException {
        return Sql.first(c, """
                SELECT id FROM attendance_records WHERE student_id = ? AND captured_at > ? AND captured_at < ?
                    AND id NOT IN (SELECT record_id FROM attendance_voids)
                ORDER BY captured_at LIMIT 1""", row -> row.getString("id"), studentId, at.minus(window), at.plus(window));
    }

    /**
     * Records captured on the days {@code from} to {@code to} (both inclusive, as calendar days in
     * {@code zone}), oldest first, with the student's name and class. A null bound is open.
     * Soft-deleted students' records are included: history is not rewritten.
     */
    public List<AttendanceRow> between(LocalDate from, LocalDate to, ZoneId zone) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("The report starts on " + from + ", after it ends on " + to);
        }
        StringBuilder sql = new StringBuilder("""
                SELECT a.id, a.student_id, s.name, s.class_name, a.captured_at, a.device_id, a.confidence,
                       a.matcher, a.sync_status, a.distance
                FROM attendance_records a JOIN students s ON s.id = a.student_id
                WHERE 1 = 1""");
        List<Object> params = new ArrayList<>();
        if (from != null) {
            sql.append(" AND a.captured_at >= ?");
            params.add(from.atStartOfDay(zone).toInstant());
        }
        if (to != null) {
            sql.append(" AND a.captured_at < ?");
            params.add(to.plusDays(1).atStartOfDay(zone).toInstant());
        }
        sql.append(" ORDER BY a.captured_at, a.id");
        return db.withConnection(c -> Sql.list(c, sql.toString(),
                row -> new AttendanceRow(row.getString("id"), row.getString("student_id"), row.getString("name"),
                        row.getString("class_name"), Sql.instant(row, "captured_at"), row.getString("device_id"),
                        Sql.nullableDouble(row, "confidence"), row.getString("matcher"),
                        SyncStatus.fromColumn(row.getString("sync_status")), Sql.nullableDouble(row, "distance")),
                params.toArray()));
    }

    public Optional<AttendanceRecord> find(String recordId) {
        return db.withConnection(c -> Sql.first(c, "SELECT * FROM attendance_records WHERE id = ?",
                row -> new AttendanceRecord(row.getString("id"), row.getString("student_id"),
                        row.getString("device_id"), Sql.instant(row, "captured_at"),
                        Sql.nullableDouble(row, "confidence"), Sql.nullableDouble(row, "distance"),
                        row.getString("matcher"), SyncStatus.fromColumn(row.getString("sync_status")),
                        row.getInt("sync_attempts"), row.getString("last_sync_error"),
                        Sql.instant(row, "synced_at"), Sql.instant(row, "created_at")),
                recordId));
    }

    public long count() {
        return db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM attendance_records"));
    }

    public long countFor(String studentId) {
        return db.withConnection(c -> Sql.count(c,
                "SELECT count(*) FROM attendance_records WHERE student_id = ?", studentId));
    }
}
