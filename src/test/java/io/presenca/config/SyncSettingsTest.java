package io.presenca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The central sync settings: defaults, the seconds override, TLS modes, and URLs that must not leak secrets. */
class SyncSettingsTest {

    private static Settings load(Map<String, String> values) {
        return Settings.load(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void syncIsOffUntilTheApiUrlIsSetAndRunsEveryFiveMinutes() {
        Settings s = load(Map.of());
        assertFalse(s.centralSyncEnabled());
        assertEquals(Duration.ofMinutes(5), s.attendanceSyncPeriod());
        assertEquals("auto", s.postgresSslMode, "verify-full, or prefer for a PostgreSQL on this machine (CentralDatabase)");
        assertNull(s.postgresSslRootCert);
        assertEquals(1000, s.syncBatchSize);
        assertEquals(10, s.syncMaxAttempts);

        Settings on = load(Map.of("EXTERNAL_API_URL", "https://api.school.example/v1/", "ATTENDANCE_SYNC_INTERVAL_SECONDS", "2"));
        assertTrue(on.centralSyncEnabled());
        assertEquals("https://api.school.example/v1", on.externalApiUrl, "no trailing slash before /attendance/batches");
        assertEquals(Duration.ofSeconds(2), on.attendanceSyncPeriod());
    }

    @Test
    void sslModeIsOneOfPostgresModes() {
        assertEquals("verify-full", load(Map.of("POSTGRES_SSLMODE", "VERIFY-FULL")).postgresSslMode);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load(Map.of("POSTGRES_SSLMODE", "on")));
        assertTrue(e.getMessage().contains("POSTGRES_SSLMODE") && e.getMessage().contains("verify-full"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> load(Map.of("POSTGRES_SSLROOTCERT", "/no/such/ca.pem")));
        assertTrue(e.getMessage().contains("CA certificate"), e.getMessage());
    }

    @Test
    void apiUrlsWithCredentialsAreRefusedWithoutEchoingThem() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load(Map.of("EXTERNAL_API_URL", "https://user:s3cret@api.school.example")));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> load(Map.of("EXTERNAL_API_URL", "ftp://api.school.example")));
        assertEquals("****", load(Map.of("EXTERNAL_API_KEY", "k")).effective().get("EXTERNAL_API_KEY"));
    }
}
