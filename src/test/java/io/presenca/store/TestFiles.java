package io.presenca.store;

import java.nio.file.Path;
import java.util.UUID;

/** Real files under target/test-data, one fresh folder per call, so tests never share a database. */
final class TestFiles {
    private TestFiles() {
    }

    static Path freshFolder() {
        return Path.of("target", "test-data", UUID.randomUUID().toString());
    }

    static Path freshDatabaseFile() {
        return freshFolder().resolve("presenca.db");
    }
}
