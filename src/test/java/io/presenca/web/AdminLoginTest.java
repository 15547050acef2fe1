package io.presenca.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.presenca.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdminLoginTest {

    @Test
    void withoutAConfiguredPasswordNobodyLogsIn() {
        for (String unset : new String[] {null, ""}) {
            AdminLogin login = new AdminLogin(unset, Clock.systemUTC());
            assertFalse(login.configured());
            assertEquals(AdminLogin.Outcome.NOT_CONFIGURED, login.check("admin", ""));
            assertEquals(AdminLogin.Outcome.NOT_CONFIGURED, login.check("admin", "admin"));
        }
        assertTrue(AdminLogin.NOT_CONFIGURED.contains("DASHBOARD_ADMIN_PASSWORD"), "says how to turn it on");
    }

    @Test
    void theRightPasswordForAdminOnly() {
        AdminLogin login = new AdminLogin("s3cret", Clock.systemUTC());
        assertEquals(AdminLogin.Outcome.ACCEPTED, login.check("admin", "s3cret"));
        assertEquals(AdminLogin.Outcome.WRONG, login.check("admin", "S3cret"));
        assertEquals(AdminLogin.Outcome.WRONG, login.check("root", "s3cret"));
        assertEquals(AdminLogin.Outcome.WRONG, login.check("admin", null));
    }

    @Test
    void fiveWrongPasswordsLockLoginsForAMinuteEvenForTheRightOne() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T08:00:00Z"));
        AdminLogin login = new AdminLogin("s3cret", clock);
        for (int i = 0; i < AdminLogin.MAX_FAILURES; i++) {
            assertEquals(AdminLogin.Outcome.WRONG, login.check("admin", "guess" + i));
        }
        assertEquals(AdminLogin.Outcome.LOCKED_OUT, login.check("admin", "s3cret"));
        clock.now = clock.now.plus(AdminLogin.LOCKOUT).plus(Duration.ofSeconds(1));
        assertEquals(AdminLogin.Outcome.ACCEPTED, login.check("admin", "s3cret"));
    }
}
