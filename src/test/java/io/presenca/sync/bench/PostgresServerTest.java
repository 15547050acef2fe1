package io.presenca.sync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.config.Settings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code bench sync --postgres URL}: the URL forms people paste, and what the URL leaves to the settings. */
class PostgresServerTest {

    private static final Settings DEFAULTS = Settings.load(name -> Optional.ofNullable(Map.of(
            "POSTGRES_USER", "presenca", "POSTGRES_PASSWORD", "from-settings").get(name)));

    @Test
    void readsUserPasswordHostPortFromAPostgresqlUrl() {
        Map<String, String> settings = PostgresServer.fromUrl("postgresql://postgres:p%40ss@db.local:5433/admin", DEFAULTS)
                .settingsFor("scratch");

        assertEquals(Map.of("POSTGRES_HOST", "db.local", "POSTGRES_PORT", "5433", "POSTGRES_DB", "scratch",
                "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", "p@ss", "POSTGRES_SSLMODE", "auto"), settings);
    }

    @Test
    void readsAJdbcUrlWithItsParametersAndTakesTheRestFromTheSettings() {
        Map<String, String> jdbc = PostgresServer.fromUrl("jdbc:postgresql://localhost/postgres?sslmode=disable",
                DEFAULTS).settingsFor("scratch");
        assertEquals("5432", jdbc.get("POSTGRES_PORT"));
        assertEquals("presenca", jdbc.get("POSTGRES_USER"));
        assertEquals("from-settings", jdbc.get("POSTGRES_PASSWORD"), "no password on the command line: the setting's");
        assertEquals("disable", jdbc.get("POSTGRES_SSLMODE"));

        Map<String, String> withUser = PostgresServer.fromUrl("postgres://localhost:6432/x?user=bench&password=pw",
                DEFAULTS).settingsFor("scratch");
        assertEquals("bench", withUser.get("POSTGRES_USER"));
        assertEquals("pw", withUser.get("POSTGRES_PASSWORD"));
        assertEquals("6432", withUser.get("POSTGRES_PORT"));
    }

    @Test
    void refusesAnotherSchemeWithoutShowingItsPassword() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PostgresServer.fromUrl("mysql://root:secret@db/x", DEFAULTS));
        assertTrue(refused.getMessage().contains("postgresql://"), refused.getMessage());
        assertFalse(refused.getMessage().contains("secret"), refused.getMessage());
    }
}
