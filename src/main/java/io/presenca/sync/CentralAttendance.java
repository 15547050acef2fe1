package io.presenca.sync;

import io.presenca.store.PendingRecord;
import io.presenca.store.Sql;
import io.presenca.store.SyncQueue;
import io.presenca.store.Timestamps;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Route step: writes a batch's accepted records and this gateway's device row to PostgreSQL in one
 * transaction, on a connection kept for the pass. Records are inserted with {@code ON CONFLICT DO NOTHING}, so a batch delivered twice
 * (the gateway died before noting it synced, or the API's answer was lost) leaves each record once.
 */
public final class CentralAttendance {

    /**
     * One statement per batch: the columns travel as arrays, so the server parses and plans once.
     * DO NOTHING without a conflict target covers both unique keys: the UUID and (student, device,
     * capture time).
     */
    private static final String INSERT_RECORDS = """
            INSERT INTO attendance_records (id, student_id, device_id, captured_at, confidence, distance, matcher,
                validated_at)
            SELECT id::uuid, student_id, device_id, captured_at::timestamptz, confidence, distance, matcher, ?
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[])
                AS r(id, student_id, device_id, captured_at, confidence, distance, matcher)
            ON CONFLICT DO NOTHING""";

    private static final String UPSERT_DEVICE = """
            INSERT INTO devices (id, app_version, last_seen_at, last_sync_at, pending_count)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET app_version = excluded.app_version, last_seen_at = excluded.last_seen_at,
                last_sync_at = excluded.last_sync_at, pending_count = excluded.pending_count""";

    private final CentralDatabase central;
    private final SyncQueue queue;
    private final String deviceId;
    private final String appVersion;
    private final Clock clock;
    /** Kept from one batch to the next within a pass (a new connection costs an authentication), not between passes. */
    private Connection connection;
    private SyncRun connectionPass;

    public CentralAttendance(CentralDatabase central, SyncQueue queue, String deviceId, String appVersion, Clock clock) {
        this.central = central;
        this.queue = queue;
        this.deviceId = deviceId;
        this.appVersion = appVersion;
        this.clock = clock;
    }

    public synchronized SyncBatch upsert(SyncBatch batch) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        long pendingAfter = Math.max(0, queue.countPending() - batch.accepted().size() - batch.rejected().size());
        List<PendingRecord> accepted = batch.accepted();
        try {
            Sql.inTransaction(connectionFor(batch.run()), tx -> {
                Sql.update(tx, UPSERT_DEVICE, deviceId, appVersion, now, now, pendingAfter);
                // records of other devices (re-homed SQLite files) need their device row too
                for (String otherDevice : otherDevices(batch)) {
                    Sql.update(tx, "INSERT INTO devices (id, last_seen_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                            otherDevice, now);
                }
                insert(tx, accepted, now);
                CrashPoint.reached(CrashPoint.BEFORE_POSTGRES_COMMIT);
                return null;
            });
        } catch (SQLException e) {
            endPass(); // a connection that failed is not used again
            throw new RetryableSyncException(RetryableSyncException.Kind.CENTRAL_DATABASE,
                    central.describe() + ": " + e.getMessage(), e);
        }
        CrashPoint.reached(CrashPoint.AFTER_POSTGRES_COMMIT);
        return batch;
    }

    /** Route step after the last batch of a pass: no connection to the central database is held between passes. */
    public synchronized void endPass() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // it was going away anyway
            }
            connection = null;
            connectionPass = null;
        }
    }

    private Connection connectionFor(SyncRun pass) throws SQLException {
        if (connection != null && (connectionPass != pass || !connection.isValid(2))) {
            endPass();
        }
        if (connection == null) {
            connection = central.connect();
            connectionPass = pass;
        }
        return connection;
    }

    private static void insert(Connection c, List<PendingRecord> records, OffsetDateTime validatedAt)
            throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        Sql.update(c, INSERT_RECORDS, validatedAt,
                c.createArrayOf("text", records.stream().map(PendingRecord::id).toArray()),
                c.createArrayOf("text", records.stream().map(PendingRecord::studentId).toArray()),
                c.createArrayOf("text", records.stream().map(PendingRecord::deviceId).toArray()),
                c.createArrayOf("text", records.stream().map(r -> Timestamps.format(r.capturedAt())).toArray()),
                c.createArrayOf("float8", records.stream().map(PendingRecord::confidence).toArray()),
                c.createArrayOf("float8", records.stream().map(PendingRecord::distance).toArray()),
                c.createArrayOf("text", records.stream().map(PendingRecord::matcher).toArray()));
    }

    private List<String> otherDevices(SyncBatch batch) {
        return batch.accepted().stream().map(PendingRecord::deviceId).filter(d -> !d.equals(deviceId)).distinct().toList();
    }
}
