package io.presenca.store;

import java.time.Instant;

/** A camera/gateway device that has reported in. */
public record Device(String id, String name, String appVersion, Instant registeredAt, Instant lastSeenAt) {
}
