package io.presenca.lessons;

import io.presenca.store.Database;
import io.presenca.store.DatabaseException;
import io.presenca.store.Sql;
import io.presenca.store.Timestamps;
import io.presenca.sync.CentralDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lesson side of the central sync. Down: the central timetable, copied into SQLite (used when
 * there is no local timetable file). Up: lesson statuses and voids, with the exactly-once rule of
 * attendance records: PostgreSQL commits first, SQLite notes it after; a status sent twice (the
 * gateway died in between) finds its row already there and an upsert never replaces a newer
 * version of a row with an older one.
 */
public final class CentralLessons {

    private static final Logger LOG = LoggerFactory.getLogger(CentralLessons.class);
    private static final int BATCH = 1000;

    private static final String UPSERT_STATUS = """
            INSERT INTO lesson_attendance (device_id, class_name, lesson_date, starts_at, ends_at, student_id, status,
                record_id, first_seen_at, decided_at, version)
            VALUES (?, ?, ?::date, ?::time, ?::time, ?, ?, ?::uuid, ?::timestamptz, ?::timestamptz, ?)
            ON CONFLICT (device_id, class_name, lesson_date, starts_at, student_id) DO UPDATE SET
                status = excluded.status, record_id = excluded.record_id, first_seen_at = excluded.first_seen_at,
                decided_at = excluded.decided_at, version = excluded.version, received_at = now()
            WHERE lesson_attendance.version < excluded.version""";

    private static final String INSERT_VOID = """
            INSERT INTO attendance_voids (record_id, device_id, voided_by, reason, voided_at)
            VALUES (?::uuid, ?, ?, ?, ?::timestamptz)
            ON CONFLICT (record_id) DO NOTHING""";

    private record Status(Object[] columns, String className, String date, String start, String studentId,
                          int version) {
    }

    private final CentralDatabase central;
    private final Database local;
    private final String deviceId;
    private final Clock clock;
    private volatile boolean failing;

    public CentralLessons(CentralDatabase central, Database local, String deviceId, Clock clock) {
        this.central = central;
        this.local = local;
        this.deviceId = deviceId;
        this.clock = clock;
    }

    /** Route step: the central timetable replaces the local copy; returns how many lessons it has. */
    public int copyTimetableDown() {
        try {
            central.checkReady();
            List<Object[]> rows = central.inTransaction(c -> Sql.list(c, """
                    SELECT class_name, weekday, to_char(starts_at, 'HH24:MI'), to_char(ends_at, 'HH24:MI'), device_id
                    FROM timetable ORDER BY class_name, weekday, starts_at""",
                    row -> new Object[] {row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
                            row.getString(5)}));
            local.inTransaction(c -> {
                Sql.update(c, "DELETE FROM central_timetable");
                Sql.batch(c, """
                        INSERT INTO central_timetable(class_name, weekday, starts_at, ends_at, device_id)
                        VALUES (?, ?, ?, ?, ?)""", rows);
                return null;
            });
            recovered();
            return rows.size();
        } catch (DatabaseException e) {
            failed("the central timetable was not copied", e);
            return -1;
        }
    }

    /** Route step: statuses changed and voids made since the last pass go to PostgreSQL; returns how many. */
    public int sendStatuses() {
        try {
            central.checkReady();
            List<Status> statuses = local.withConnection(this::changedStatuses);
            List<Object[]> voids = local.withConnection(c -> Sql.list(c, """
                    SELECT record_id, voided_by, reason, voided_at FROM attendance_voids WHERE synced_at IS NULL
                    ORDER BY voided_at LIMIT ?""",
                    row -> new Object[] {row.getString(1), deviceId, row.getString(2), row.getString(3),
                            row.getString(4)}, BATCH));
            if (statuses.isEmpty() && voids.isEmpty()) {
                recovered();
                return 0;
            }
            central.inTransaction(c -> {
                Sql.batch(c, UPSERT_STATUS, statuses.stream().map(Status::columns).toList());
                Sql.batch(c, INSERT_VOID, voids);
                return null;
            });
            noteSent(statuses, voids);
            recovered();
            return statuses.size() + voids.size();
        } catch (DatabaseException e) {
            failed("lesson statuses stay queued in SQLite", e);
            return -1;
        }
    }

    private List<Status> changedStatuses(Connection c) throws SQLException {
        return Sql.list(c, """
                SELECT class_name, lesson_date, starts_at, ends_at, student_id, status, record_id, first_seen_at,
                       decided_at, version
                FROM lesson_attendance WHERE version > synced_version ORDER BY lesson_date, starts_at LIMIT ?""",
                row -> new Status(new Object[] {deviceId, row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                        row.getString(9), row.getInt(10)}, row.getString(1), row.getString(2), row.getString(3),
                        row.getString(5), row.getInt(10)), BATCH);
    }

    /** PostgreSQL has them: noted here, unless a status changed again meanwhile (then it goes next pass). */
    private void noteSent(List<Status> statuses, List<Object[]> voids) {
        String now = Timestamps.format(clock.instant());
        local.inTransaction(c -> {
            List<Object[]> sent = new ArrayList<>();
            for (Status s : statuses) {
                sent.add(new Object[] {s.version(), s.className(), s.date(), s.start(), s.studentId(), s.version()});
            }
            Sql.batch(c, """
                    UPDATE lesson_attendance SET synced_version = ?
                    WHERE class_name = ? AND lesson_date = ? AND starts_at = ? AND student_id = ? AND version = ?""", sent);
            Sql.batch(c, "UPDATE attendance_voids SET synced_at = ? WHERE record_id = ?",
                    voids.stream().map(v -> new Object[] {now, v[0]}).toList());
            return null;
        });
    }

    private void failed(String consequence, DatabaseException e) {
        if (!failing) {
            LOG.warn("Central lessons: {}: {}. Retried every pass.", consequence, e.getMessage());
        }
        failing = true;
    }

    private void recovered() {
        if (failing) {
            LOG.info("Central lessons: the central PostgreSQL answers again");
        }
        failing = false;
    }
}
