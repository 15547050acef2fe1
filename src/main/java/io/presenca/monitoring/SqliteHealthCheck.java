package io.presenca.monitoring;

import io.presenca.store.Database;
import io.presenca.store.DatabaseException;

/** The local database answers (liveness: without it no attendance can be recorded). */
final class SqliteHealthCheck extends GatewayHealthCheck {

    private final Database database;

    SqliteHealthCheck(Database database) {
        super("sqlite", true);
        this.database = database;
    }

    @Override
    String problem() {
        try {
            database.schemaVersion();
            return null;
        } catch (DatabaseException e) {
            return "SQLite database " + database.file() + " cannot be read: " + e.getMessage()
                    + " (check the disk and SQLITE_PATH)";
        }
    }
}
