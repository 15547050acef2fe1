-- Attendance events (arrival, late, absent, void, absence-summary) written in the same transaction
-- as what caused them, then handed to the notification routes. An event whose delivery failed stays
-- pending with its next attempt time, so a webhook or mail server that is down loses nothing.
-- dedupe_key keeps a once-a-day event (the absence summary of a class) from being written twice.
CREATE TABLE event_outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id         TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,
    payload          TEXT NOT NULL,
    dedupe_key       TEXT UNIQUE,
    created_at       TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT,
    last_error       TEXT,
    delivered_at     TEXT
);
CREATE INDEX event_outbox_due ON event_outbox (status, next_attempt_at, id);
