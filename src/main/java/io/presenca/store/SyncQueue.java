package io.presenca.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attendance records on their way to the central database: which are due, and what became of each
 * (synced, rejected with the server's reason, retried later, or dead after too many attempts).
 * Every change of status and its {@code sync_logs} row share one transaction, so the log never
 * tells a different story than the records.
 */
public final class SyncQueue {
    private static final String PENDING = SyncStatus.PENDING.column();

    private final Database db;

    public SyncQueue(Database db) {
        this.db = db;
    }

    /** Accepted records become synced, refused ones rejected with the reason; the log row is written with them. */
    public void settle(Collection<String> syncedIds, Map<String, String> rejectedReasons, Instant syncedAt,
                       SyncLogEntry log) {
        db.inTransaction(c -> {
            String syncedAtText = Timestamps.format(syncedAt); // once, not once per record
            List<Object[]> synced = new ArrayList<>();
            for (String id : syncedIds) {
                synced.add(new Object[] {syncedAtText, id});
            }
            Sql.batch(c, """
                    UPDATE attendance_records
                    SET sync_status = 'synced', synced_at = ?, last_sync_error = NULL, next_attempt_at = NULL
                    WHERE id = ? AND sync_status = 'pending'""", synced);
            List<Object[]> rejected = new ArrayList<>();
            rejectedReasons.forEach((id, reason) -> rejected.add(new Object[] {reason, id}));
            Sql.batch(c, """
                    UPDATE attendance_records
                    SET sync_status = 'rejected', last_sync_error = ?, next_attempt_at = NULL
                    WHERE id = ? AND sync_status = 'pending'""", rejected);
            insertLog(c, log);
            return null;
        });
    }

    /**
     * Counts a failed attempt on each record and schedules its next one; a record that has used
     * {@code maxAttempts} becomes dead instead. Returns how many records became dead.
     */
    public int recordFailedAttempt(List<RetryPlan> plans, String error, int maxAttempts, SyncLogEntry log) {
        return db.inTransaction(c -> {
            List<Object[]> rows = new ArrayList<>();
            for (RetryPlan plan : plans) {
                rows.add(new Object[] {error, plan.nextAttemptAt(), maxAttempts, plan.recordId()});
            }
            Sql.batch(c, """
                    UPDATE attendance_records
                    SET sync_attempts = sync_attempts + 1, last_sync_error = ?, next_attempt_at = ?,
                        sync_status = CASE WHEN sync_attempts + 1 >= ? THEN 'dead' ELSE 'pending' END
                    WHERE id = ? AND sync_status = 'pending'""", rows);
            insertLog(c, log);
            List<Object> ids = plans.stream().map(p -> (Object) p.recordId()).toList();
            return ids.isEmpty() ? 0 : (int) Sql.count(c, "SELECT count(*) FROM attendance_records WHERE sync_status = 'dead'"
                    + " AND id IN (" + "?,".repeat(ids.size() - 1) + "?)", ids.toArray());
        });
    }

    /** A batch that was not sent for a reason that is not the records' fault (e.g. the API key was refused). */
    public void logWithoutCounting(SyncLogEntry log) {
        db.inTransaction(c -> {
            insertLog(c, log);
            return null;
        });
    }

    /** Dead records go back to pending with a fresh retry budget; returns how many. */
    public int requeueDead() {
        return db.withConnection(c -> Sql.update(c, """
                UPDATE attendance_records SET sync_status = 'pending', sync_attempts = 0, next_attempt_at = NULL
                WHERE sync_status = 'dead'"""));
    }

    public Map<SyncStatus, Long> countByStatus() {
        Map<SyncStatus, Long> counts = new EnumMap<>(SyncStatus.class);
        for (SyncStatus status : SyncStatus.values()) {
            counts.put(status, 0L);
        }
        db.withConnection(c -> Sql.list(c, "SELECT sync_status, count(*) AS n FROM attendance_records GROUP BY sync_status",
                row -> counts.put(SyncStatus.fromColumn(row.getString("sync_status")), row.getLong("n"))));
        return counts;
    }

    /** Capture time of the oldest record not yet settled centrally (pending or dead), or null when none. */
    public Instant oldestUnsyncedCapture() {
        return db.withConnection(c -> Sql.first(c, """
                SELECT min(captured_at) AS oldest FROM attendance_records WHERE sync_status IN ('pending', 'dead')""",
                row -> Sql.instant(row, "oldest")).orElse(null));
    }

    /** Batches logged since {@code since}: "sent" (the API answered and PostgreSQL committed) or "failed". */
    public Map<String, Long> batchOutcomesSince(Instant since) {
        Map<String, Long> outcomes = new LinkedHashMap<>(Map.of("sent", 0L, "failed", 0L));
        db.withConnection(c -> Sql.list(c, """
                SELECT CASE WHEN error IS NULL THEN 'sent' ELSE 'failed' END AS outcome, count(*) AS n
                FROM sync_logs WHERE started_at >= ? GROUP BY outcome""",
                row -> outcomes.put(row.getString("outcome"), row.getLong("n")), since));
        return outcomes;
    }

    /** The sync log rows of batches started at or after {@code since}, added up. */
    public SyncTotals totalsSince(Instant since) {
        return db.withConnection(c -> Sql.first(c, """
                SELECT coalesce(sum(records_sent), 0) AS sent, coalesce(sum(accepted), 0) AS accepted,
                       coalesce(sum(rejected), 0) AS rejected, coalesce(sum(failed), 0) AS failed
                FROM sync_logs WHERE started_at >= ?""",
                row -> new SyncTotals(row.getLong("sent"), row.getLong("accepted"), row.getLong("rejected"),
                        row.getLong("failed")), since).orElseThrow());
    }

    public long countPending() {
        return db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM attendance_records WHERE sync_status = ?",
                PENDING));
    }

    /**
     * Deletes records captured before {@code cutoff} that the central side has (synced), and sync logs
     * started before it. Rejected and dead records are never deleted here: they wait for a person (see
     * {@link #countUnresolvedCapturedBefore}); nor is a record with a review item still open about it.
     * Returns the number of records deleted.
     */
    public int deleteSyncedCapturedBefore(Instant cutoff) {
        return db.inTransaction(c -> {
            String old = """
                    SELECT id FROM attendance_records a WHERE sync_status = 'synced' AND captured_at < ?
                        AND NOT EXISTS (SELECT 1 FROM review_items r WHERE r.attendance_id = a.id AND r.status = 'open')""";
            // a decided review item about the record (accepted from the queue, or a Rekognition disagreement) goes with it
            Sql.update(c, "DELETE FROM review_items WHERE attendance_id IN (" + old + ")", cutoff);
            int records = Sql.update(c, "DELETE FROM attendance_records WHERE id IN (" + old + ")", cutoff);
            Sql.update(c, "DELETE FROM sync_logs WHERE started_at < ?", cutoff);
            return records;
        });
    }

    /** Rejected and dead records captured before {@code cutoff}: kept past CLEANUP_DAYS until a person has looked. */
    public long countUnresolvedCapturedBefore(Instant cutoff) {
        return db.withConnection(c -> Sql.count(c, """
                SELECT count(*) FROM attendance_records WHERE sync_status IN ('rejected', 'dead') AND captured_at < ?""",
                cutoff));
    }

    /** Record id to the reason the central side gave, for the records it rejected, oldest capture first. */
    public Map<String, String> rejectedReasons(int limit) {
        return lastErrors(SyncStatus.REJECTED, limit);
    }

    /** Record id to its last error, for the records dead-lettered after too many attempts, oldest capture first. */
    public Map<String, String> deadReasons(int limit) {
        return lastErrors(SyncStatus.DEAD, limit);
    }

    private Map<String, String> lastErrors(SyncStatus status, int limit) {
        Map<String, String> reasons = new LinkedHashMap<>();
        db.withConnection(c -> Sql.list(c, """
                SELECT id, last_sync_error FROM attendance_records WHERE sync_status = ?
                ORDER BY captured_at, id LIMIT ?""",
                row -> reasons.put(row.getString("id"), row.getString("last_sync_error")), status.column(), limit));
        return reasons;
    }

    /** The sync log, newest first. */
    public List<SyncLogEntry> recentLogs(int limit) {
        return db.withConnection(c -> Sql.list(c, """
                SELECT started_at, finished_at, records_sent, accepted, rejected, failed, error
                FROM sync_logs ORDER BY id DESC LIMIT ?""",
                row -> new SyncLogEntry(Sql.instant(row, "started_at"), Sql.instant(row, "finished_at"),
                        row.getInt("records_sent"), row.getInt("accepted"), row.getInt("rejected"),
                        row.getInt("failed"), row.getString("error")),
                limit));
    }

    private static void insertLog(Connection c, SyncLogEntry log) throws SQLException {
        Sql.update(c, """
                INSERT INTO sync_logs(started_at, finished_at, records_sent, accepted, rejected, failed, error)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                log.startedAt(), log.finishedAt(), log.recordsSent(), log.accepted(), log.rejected(), log.failed(),
                log.error());
    }
}
