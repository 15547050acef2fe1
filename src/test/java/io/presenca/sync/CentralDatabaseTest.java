package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.config.Settings;
import io.presenca.store.DatabaseException;
import io.presenca.store.Sql;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The central schema is created by whichever gateway comes first, once, even when several start together. */
@Timeout(60)
class CentralDatabaseTest {

    @Test
    void gatewaysStartingTogetherMigrateOnce() throws Exception {
        PgSupport pg = PgSupport.get();
        String database = pg.newDatabase();
        Map<String, String> settings = pg.settings(database, pg.host, pg.port);
        List<CompletableFuture<Void>> gateways = List.of(1, 2, 3).stream()
                .map(i -> CompletableFuture.runAsync(() ->
                        new CentralDatabase(Settings.load(name -> Optional.ofNullable(settings.get(name)))).checkReady()))
                .toList();
        CompletableFuture.allOf(gateways.toArray(CompletableFuture[]::new)).get();

        try (Connection c = pg.connect(database)) {
            assertEquals(6, Sql.count(c, "SELECT count(*) FROM schema_version"), "V1 to V6, each applied once");
            assertEquals(4, Sql.count(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename IN ('devices', 'attendance_records', 'students', 'face_templates')"));
            Sql.update(c, "INSERT INTO students (id) VALUES ('s1')");
            Sql.update(c, "UPDATE students SET name = 'x' WHERE id = 's1'");
            assertEquals(1, Sql.count(c, "SELECT count(*) FROM students WHERE updated_at > created_at"),
                    "the trigger moves updated_at on every change");
        }
    }

    @Test
    void sslModeRequireNeverFallsBackToPlainText() throws Exception {
        PgSupport pg = PgSupport.get();
        Map<String, String> settings = new java.util.HashMap<>(pg.settings(pg.newDatabase(), pg.host, pg.port));
        settings.put("POSTGRES_SSLMODE", "require");
        CentralDatabase central = new CentralDatabase(Settings.load(name -> Optional.ofNullable(settings.get(name))));
        try {
            central.checkReady();
        } catch (DatabaseException e) {
            // the embedded server has no TLS: refused, with the reason
            assertTrue(e.getMessage().contains("SSL"), e.getMessage());
            return;
        }
        try (Connection c = central.connect()) { // a TEST_PG_URL server with TLS: the session is encrypted
            assertTrue(Sql.first(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", r -> r.getBoolean(1))
                    .orElse(false));
        }
    }
}
