package io.presenca.store;

import java.time.Instant;

/**
 * A student row of the central database; {@code deletedAt} is set once the school removed them;
 * {@code consent} is the guardian's consent kept there, null when the row says nothing about it.
 */
public record CentralStudent(String id, String name, String className, Instant updatedAt, Instant deletedAt,
                             Consent consent) {

    public CentralStudent(String id, String name, String className, Instant updatedAt, Instant deletedAt) {
        this(id, name, className, updatedAt, deletedAt, null);
    }

    public boolean deleted() {
        return deletedAt != null;
    }
}
