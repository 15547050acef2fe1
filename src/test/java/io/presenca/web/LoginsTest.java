package io.presenca.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.ManualClock;
import io.presenca.store.DashboardUserStore;
import io.presenca.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LoginsTest {

    private final DashboardUserStore users = new DashboardUserStore(
            Database.open(Path.of("target", "logins-test", UUID.randomUUID() + ".db")));

    @Test
    void withNoAdminPasswordAndNoUserNobodyLogsIn() {
        for (String unset : new String[] {null, ""}) {
            Logins logins = new Logins(unset, users, Clock.systemUTC());
            assertFalse(logins.configured());
            assertEquals(Logins.Outcome.NOT_CONFIGURED, logins.check("admin", ""));
            assertEquals(Logins.Outcome.NOT_CONFIGURED, logins.check("admin", "admin"));
        }
        assertTrue(Logins.NOT_CONFIGURED.contains("DASHBOARD_ADMIN_PASSWORD")
                && Logins.NOT_CONFIGURED.contains("dashboard-user"), "says how to turn it on");
    }

    @Test
    void theAdminPasswordIsForAdminOnly() {
        Logins logins = new Logins("s3cret", users, Clock.systemUTC());
        assertEquals(Logins.Outcome.ACCEPTED, logins.check("admin", "s3cret"));
        assertEquals(Logins.Outcome.WRONG, logins.check("admin", "S3cret"));
        assertEquals(Logins.Outcome.WRONG, logins.check("root", "s3cret"));
        assertEquals(Logins.Outcome.WRONG, logins.check("admin", null));
    }

    @Test
    void aUserAddedToSqliteLogsInWithTheirOwnPasswordEvenWhileRunning() {
        Logins logins = new Logins(null, users, Clock.systemUTC());
        assertFalse(logins.configured());
        users.save("maria", PasswordHash.of("secretaria-5A".toCharArray()));
        assertTrue(logins.configured(), "no restart needed");
        assertEquals(Logins.Outcome.ACCEPTED, logins.check("maria", "secretaria-5A"));
        assertEquals(Logins.Outcome.WRONG, logins.check("maria", "secretaria-5a"));
        assertEquals(Logins.Outcome.WRONG, logins.check("admin", "secretaria-5A"));
    }

    @Test
    void fiveWrongPasswordsLockLoginsForAMinuteEvenForTheRightOne() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T08:00:00Z"));
        Logins logins = new Logins("s3cret", users, clock);
        for (int i = 0; i < Logins.MAX_FAILURES; i++) {
            assertEquals(Logins.Outcome.WRONG, logins.check("admin", "guess" + i));
        }
        assertEquals(Logins.Outcome.LOCKED_OUT, logins.check("admin", "s3cret"));
        clock.now = clock.now.plus(Logins.LOCKOUT).plus(Duration.ofSeconds(1));
        assertEquals(Logins.Outcome.ACCEPTED, logins.check("admin", "s3cret"));
    }
}
