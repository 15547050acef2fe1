package io.presenca.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.store.Timestamps;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events table: an event is written inside the transaction of what caused it (so the two are
 * committed together), and stays pending until a route delivered it. A failed delivery waits twice
 * as long each time (EVENT_RETRY_SECONDS, at most an hour) and is never dropped.
 */
public final class EventOutbox {

    public static final String ARRIVAL = "arrival";
    public static final String LATE = "late";
    public static final String ABSENT = "absent";
    public static final String VOID = "void";
    public static final String ABSENCE_SUMMARY = "absence-summary";

    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Duration firstWait;
    private final Clock clock;

    public EventOutbox(Database db, Duration firstWait, Clock clock) {
        this.db = db;
        this.firstWait = firstWait;
        this.clock = clock;
    }

    /**
     * Writes an event in the caller's transaction; {@code fields} become the JSON body after
     * {@code event_id}, {@code kind} and {@code occurred_at}. With a {@code dedupeKey}, an event already
     * written under that key is not written again. Returns whether it was written.
     */
    public static boolean write(Connection c, String kind, Instant occurredAt, Map<String, Object> fields,
                                String dedupeKey) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", eventId);
        body.put("kind", kind);
        body.put("occurred_at", Timestamps.format(occurredAt));
        body.putAll(fields);
        String payload;
        try {
            payload = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + kind + " cannot be written as JSON: " + e.getMessage(), e);
        }
        return Sql.update(c, """
                INSERT INTO event_outbox(event_id, kind, payload, dedupe_key, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(dedupe_key) DO NOTHING""", eventId, kind, payload, dedupeKey, Timestamps.now()) > 0;
    }

    /** Pending events whose next attempt is due, oldest first. */
    public List<OutboxEvent> due(int limit) {
        return db.withConnection(c -> Sql.list(c, """
                SELECT id, event_id, kind, payload, attempts FROM event_outbox
                WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                ORDER BY id LIMIT ?""",
                row -> new OutboxEvent(row.getLong("id"), row.getString("event_id"), row.getString("kind"),
                        row.getString("payload"), row.getInt("attempts")),
                clock.instant(), limit));
    }

    public void delivered(long id) {
        db.withConnection(c -> Sql.update(c, """
                UPDATE event_outbox SET status = 'delivered', delivered_at = ?, last_error = NULL, next_attempt_at = NULL
                WHERE id = ?""", clock.instant(), id));
    }

    /** Counts a failed delivery and schedules the next attempt; returns when that is. */
    public Instant retryLater(long id, String error) {
        return db.inTransaction(c -> {
            int attempts = (int) Sql.count(c, "SELECT attempts FROM event_outbox WHERE id = ?", id) + 1;
            Duration wait = firstWait.multipliedBy(1L << Math.min(attempts - 1, 20));
            Instant next = clock.instant().plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
            Sql.update(c, "UPDATE event_outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    attempts, error, next, id);
            return next;
        });
    }

    public long countPending() {
        return db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM event_outbox WHERE status = 'pending'"));
    }

    /** Delivered events older than {@code before} are forgotten; pending ones never. Returns how many. */
    public int forgetDeliveredBefore(Instant before) {
        return db.withConnection(c -> Sql.update(c,
                "DELETE FROM event_outbox WHERE status = 'delivered' AND delivered_at < ?", before));
    }
}
