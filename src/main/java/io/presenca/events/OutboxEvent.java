package io.presenca.events;

/** An event waiting in the outbox: its row id, its public id, its kind and its JSON. */
public record OutboxEvent(long id, String eventId, String kind, String payload, int attempts) {
}
