package io.presenca.monitoring;

import io.presenca.store.Database;
import io.presenca.store.DatabaseException;

/**
 * The local database answers, was whole at start (PRAGMA quick_check) and takes attendance (liveness:
 * without it no attendance can be recorded). Attendance it refuses waits meanwhile, see SPILL_PATH.
 */
final class SqliteHealthCheck extends GatewayHealthCheck {

    private final Database database;
    private final PipelineStats stats;

    SqliteHealthCheck(Database database, PipelineStats stats) {
        super("sqlite", true);
        this.database = database;
        this.stats = stats;
    }

    @Override
    String problem() {
        if (database.damage().isPresent()) {
            return "SQLite database " + database.file() + " is damaged (quick_check: " + database.damage().get()
                    + "): stop the gateway, copy the file aside and restore it from a backup or with sqlite3 .recover";
        }
        if (stats.attendanceWriteProblem().isPresent()) {
            return "SQLite cannot write: " + stats.attendanceWriteProblem().get() + " (kept in SPILL_PATH until it can)";
        }
        try {
            database.schemaVersion();
            return null;
        } catch (DatabaseException e) {
            return "SQLite database " + database.file() + " cannot be read: " + e.getMessage()
                    + " (check the disk and SQLITE_PATH)";
        }
    }
}
