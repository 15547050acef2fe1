package io.presenca.store;

import java.time.Instant;

/** A student row of the central database; {@code deletedAt} is set once the school removed them. */
public record CentralStudent(String id, String name, String className, Instant updatedAt, Instant deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
