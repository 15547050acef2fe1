/**
 * Attendance events (arrival, late, absent, void, the daily absence summary): written to an SQLite
 * outbox in the transaction that caused them, then handed to {@code direct:attendance-events},
 * where the editable {@code routes/notifications.camel.yaml} forwards them (webhook, e-mail).
 */
package io.presenca.events;
