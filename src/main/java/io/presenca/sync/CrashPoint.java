package io.presenca.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only hook for the crash tests, off unless two system properties are given:
 * {@code -Dpresenca.crash-test.pause-at=<point>} and {@code -Dpresenca.crash-test.marker=<file>}.
 * At that point the sync writes the point's name to the file and waits, so the test can kill the
 * JVM (SIGKILL) exactly there.
 */
public final class CrashPoint {

    /** Inside the PostgreSQL transaction: the API has accepted, the rows are inserted, not committed. */
    public static final String BEFORE_POSTGRES_COMMIT = "before-postgres-commit";
    /** PostgreSQL has committed; SQLite still shows the records pending. */
    public static final String AFTER_POSTGRES_COMMIT = "after-postgres-commit";

    private CrashPoint() {
    }

    static void reached(String point) {
        if (!point.equals(System.getProperty("presenca.crash-test.pause-at"))) {
            return;
        }
        try {
            Files.writeString(Path.of(System.getProperty("presenca.crash-test.marker")), point);
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
