package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.config.Settings;
import io.presenca.store.Database;
import io.presenca.store.DatabaseException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The database password never goes to a server that declines TLS unless the school chose a weak mode
 * for a PostgreSQL on this machine, and an unencrypted API address is said loudly.
 */
class CentralDatabaseTransportTest {

    private static final String PASSWORD = "pg-" + UUID.randomUUID();

    @ParameterizedTest(name = "POSTGRES_SSLMODE={0}, POSTGRES_HOST={1} -> {2}")
    @CsvSource({
        "auto, db.school.example, verify-full",
        "auto, 10.0.4.2, verify-full",
        "auto, pg, verify-full",
        "auto, localhost, prefer",
        "auto, 127.0.0.1, prefer",
        "auto, ::1, prefer",
        "auto, [::1], prefer",
        "require, db.school.example, require",
        "disable, localhost, disable",
        "prefer, db.school.example, prefer",
    })
    void theModeDefaultsToVerifyFullUnlessPostgresIsOnThisMachine(String configured, String host, String used) {
        assertEquals(used, CentralDatabase.sslModeFor(configured, host));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"require", "verify-full"})
    void aServerDecliningTlsNeverGetsThePassword(String mode) throws Exception {
        try (DecliningPostgres fake = new DecliningPostgres()) {
            CentralDatabase central = new CentralDatabase(settings(fake, mode));

            DatabaseException refused = assertThrows(DatabaseException.class, central::checkReady);

            assertEquals(List.of(), fake.passwordsReceived());
            assertEquals(List.of(), fake.tlsAsked(), "the client hung up after TLS was declined");
            assertTrue(refused.getMessage().contains("sslmode " + mode), refused.getMessage());
        }
    }

    @Test
    void preferSendsThePasswordInClearTextToTheSameServer() throws Exception {
        // why prefer is only for a PostgreSQL on this machine: the fake above is a real threat
        try (DecliningPostgres fake = new DecliningPostgres()) {
            assertThrows(DatabaseException.class, new CentralDatabase(settings(fake, "prefer"))::checkReady);
            assertEquals(List.of(PASSWORD), fake.passwordsReceived());
        }
    }

    @Test
    void anHttpApiOnAnotherMachineIsWarnedAboutAndOneOnThisMachineIsNot() {
        Database db = Database.open(Path.of("target", "transport-test", UUID.randomUUID() + ".db"));
        try (LogCapture log = new LogCapture(CentralSync.class)) {
            new CentralSync(Settings.load(name -> Optional.ofNullable(Map.of("EXTERNAL_API_URL",
                    "http://127.0.0.1:8080/api", "DEVICE_ID", "door").get(name))), db, "test");
            assertEquals(List.of(), log.messages(Level.WARN));

            new CentralSync(Settings.load(name -> Optional.ofNullable(Map.of("EXTERNAL_API_URL",
                    "http://attendance.school.example/api", "DEVICE_ID", "door").get(name))), db, "test");
            assertEquals(1, log.messages(Level.WARN).size());
            assertTrue(log.messages(Level.WARN).get(0).contains("unencrypted"), log.messages(Level.WARN).get(0));
        }
    }

    private static Settings settings(DecliningPostgres fake, String mode) {
        Map<String, String> values = Map.of("POSTGRES_HOST", "127.0.0.1", "POSTGRES_PORT", Integer.toString(fake.port()),
                "POSTGRES_PASSWORD", PASSWORD, "POSTGRES_SSLMODE", mode, "DEVICE_ID", "door");
        return Settings.load(name -> Optional.ofNullable(values.get(name)));
    }
}
