package io.presenca.sync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.config.Settings;
import io.presenca.sync.PgSupport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The check that makes {@code bench sync}'s figures trustworthy, on a simulated gateway synced into
 * the tests' real PostgreSQL: it passes after a clean run and names what a lost record leaves.
 */
class StoredOnceCheckTest {

    private static final String API_KEY = "check-key";

    private final PgSupport pg = PgSupport.get();
    private final String database = pg.newDatabase();
    private final Path home = Path.of("target", "stored-once-check", UUID.randomUUID().toString()).toAbsolutePath();

    @AfterEach
    void dropDatabase() {
        pg.dropDatabase(database);
    }

    private Settings gatewaySettings(LoopbackApi api) {
        Map<String, String> settings = new HashMap<>(pg.settings(database, pg.host, pg.port));
        settings.put("SQLITE_PATH", home.resolve("gateway.db").toString());
        settings.put("EXTERNAL_API_URL", api.url());
        settings.put("EXTERNAL_API_KEY", API_KEY);
        settings.put("DEVICE_ID", "door-check");
        settings.put("SYNC_BATCH_SIZE", "10");
        return Settings.fromProcessWith(settings);
    }

    @Test
    void passesWhenEveryRecordIsStoredOnceAndNamesTheGatewayThatLostOne() throws Exception {
        BatchLatencies batches = new BatchLatencies(SimulatedGateway.SYNC_ROUTE);
        try (LoopbackApi api = LoopbackApi.start(API_KEY, LoopbackApi.acceptingAll());
             SimulatedGateway gateway = new SimulatedGateway(gatewaySettings(api), "test", batches);
             Connection central = pg.connect(database)) {
            gateway.addPendingRecords(25);
            gateway.syncPass();

            assertEquals(List.of(), StoredOnceCheck.problems(List.of(gateway), central));
            assertEquals(3, batches.count(), "25 records in batches of 10, each timed from Camel's events");
            assertTrue(batches.p95Millis() > 0);

            try (Statement s = central.createStatement()) {
                s.execute("DELETE FROM attendance_records WHERE id = '" + gateway.recordIds().get(7) + "'");
            }
            List<String> problems = StoredOnceCheck.problems(List.of(gateway), central);
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("door-check made 25 records: 1 missing in PostgreSQL, 24 rows there,"
                    + " 25 marked synced in SQLite"), problems.get(0));
        }
    }
}
