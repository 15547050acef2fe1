package io.presenca.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.ManualClock;
import io.presenca.camera.LogCapture;
import io.presenca.config.ConfigurationException;
import io.presenca.store.DashboardUserStore;
import io.presenca.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LoginsTest {

    private static final String HOME = "127.0.0.1";
    private final DashboardUserStore users = new DashboardUserStore(
            Database.open(Path.of("target", "logins-test", UUID.randomUUID() + ".db")));
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T08:00:00Z"));

    @Test
    void withNoAdminPasswordAndNoUserNobodyLogsIn() {
        for (String unset : new String[] {null, ""}) {
            Logins logins = new Logins(unset, users, Clock.systemUTC());
            assertFalse(logins.configured());
            assertEquals(Logins.Outcome.NOT_CONFIGURED, logins.check("admin", "", HOME));
            assertEquals(Logins.Outcome.NOT_CONFIGURED, logins.check("admin", "admin", HOME));
        }
        assertTrue(Logins.NOT_CONFIGURED.contains("DASHBOARD_ADMIN_PASSWORD")
                && Logins.NOT_CONFIGURED.contains("dashboard-user"), "says how to turn it on");
    }

    @Test
    void theAdminPasswordIsForAdminOnly() {
        Logins logins = new Logins("s3cret-long", users, Clock.systemUTC());
        assertEquals(Logins.Outcome.ACCEPTED, logins.check("admin", "s3cret-long", HOME));
        assertEquals(Logins.Outcome.WRONG, logins.check("admin", "S3cret-long", HOME));
        assertEquals(Logins.Outcome.WRONG, logins.check("root", "s3cret-long", HOME));
        assertEquals(Logins.Outcome.WRONG, logins.check("admin", null, HOME));
    }

    @Test
    void aUserAddedToSqliteLogsInWithTheirOwnPasswordEvenWhileRunning() {
        Logins logins = new Logins(null, users, Clock.systemUTC());
        assertFalse(logins.configured());
        users.save("maria", PasswordHash.of("secretaria-5A".toCharArray()));
        assertTrue(logins.configured(), "no restart needed");
        assertEquals(Logins.Outcome.ACCEPTED, logins.check("maria", "secretaria-5A", HOME));
        assertEquals(Logins.Outcome.WRONG, logins.check("maria", "secretaria-5a", HOME));
        assertEquals(Logins.Outcome.WRONG, logins.check("admin", "secretaria-5A", HOME));
    }

    @Test
    void wrongPasswordsLockThatUserNameForAMinuteEvenForTheRightOneButNotTheOthers() {
        users.save("maria", PasswordHash.of("secretaria-5A".toCharArray()));
        Logins logins = new Logins("s3cret-long", users, clock);
        try (LogCapture log = new LogCapture(Logins.class)) {
            for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_USER; i++) {
                assertEquals(Logins.Outcome.WRONG, logins.check("admin", "guess" + i, "192.0.2.7"));
            }
            assertEquals(Logins.Outcome.LOCKED_OUT, logins.check("admin", "s3cret-long", HOME));
            assertTrue(log.messages(ch.qos.logback.classic.Level.WARN).stream().anyMatch(m -> m.contains("'admin'") && m.contains("192.0.2.7")
                    && m.contains("wrong")), "each refusal names the user and the address: " + log.messages(ch.qos.logback.classic.Level.WARN));
            assertTrue(log.messages(ch.qos.logback.classic.Level.WARN).stream().anyMatch(m -> m.contains("'admin'") && m.contains(HOME)
                    && m.contains("too many")), log.messages(ch.qos.logback.classic.Level.WARN).toString());
        }
        assertEquals(Logins.Outcome.ACCEPTED, logins.check("maria", "secretaria-5A", "192.0.2.7"),
                "another user, even from the guesser's address, is not locked out");
        assertEquals(Logins.Outcome.LOCKED_OUT, logins.check("admin", "s3cret-long", HOME),
                "another user's login does not reset the count");
        clock.now = clock.now.plus(LoginThrottle.LOCKOUT).plus(Duration.ofSeconds(1));
        assertEquals(Logins.Outcome.ACCEPTED, logins.check("admin", "s3cret-long", HOME));
    }

    @Test
    void aSuccessfulLoginInBetweenDoesNotResetAnotherUsersCount() {
        users.save("maria", PasswordHash.of("secretaria-5A".toCharArray()));
        Logins logins = new Logins("s3cret-long", users, clock);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_USER - 1; i++) {
            assertEquals(Logins.Outcome.WRONG, logins.check("admin", "guess" + i, "192.0.2.7"));
            assertEquals(Logins.Outcome.ACCEPTED, logins.check("maria", "secretaria-5A", HOME));
        }
        assertEquals(Logins.Outcome.WRONG, logins.check("admin", "last guess", "192.0.2.7"));
        assertEquals(Logins.Outcome.LOCKED_OUT, logins.check("admin", "s3cret-long", HOME));
    }

    @Test
    void oneAddressTryingManyUserNamesIsLockedOutWhileOtherAddressesAreNot() {
        Logins logins = new Logins("s3cret-long", users, clock);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
            assertEquals(Logins.Outcome.WRONG, logins.check("user" + i, "guess", "192.0.2.7"));
        }
        assertEquals(Logins.Outcome.LOCKED_OUT, logins.check("admin", "s3cret-long", "192.0.2.7"));
        assertEquals(Logins.Outcome.ACCEPTED, logins.check("admin", "s3cret-long", HOME));
    }

    @Test
    void credentialsChangeWithANewPasswordAndVanishWithTheUser() {
        Logins logins = new Logins("s3cret-long", users, clock);
        users.save("maria", PasswordHash.of("secretaria-5A".toCharArray()));
        Optional<String> before = logins.credentials("maria");
        users.save("maria", PasswordHash.of("outra-senha-longa".toCharArray()));
        assertTrue(before.isPresent());
        assertNotEquals(before, logins.credentials("maria"));
        users.remove("maria");
        assertEquals(Optional.empty(), logins.credentials("maria"));
        assertTrue(logins.credentials("admin").isPresent());
        assertEquals(Optional.empty(), logins.credentials("nobody"));
    }

    @Test
    void aShortAdminPasswordStopsTheStartOnALanAddressAndIsAWarningOnLoopback() {
        ConfigurationException lan = assertThrows(ConfigurationException.class,
                () -> Logins.checkAdminPassword("short", "0.0.0.0"));
        assertTrue(lan.getMessage().contains("at least " + PasswordHash.MIN_LENGTH), lan.getMessage());
        assertThrows(ConfigurationException.class, () -> Logins.checkAdminPassword("short", "192.168.0.10"));
        assertThrows(ConfigurationException.class, () -> Logins.checkAdminPassword("short", "gateway.school.lan"));
        try (LogCapture log = new LogCapture(Logins.class)) {
            Logins.checkAdminPassword("short", "127.0.0.1");
            Logins.checkAdminPassword("short", "localhost");
            assertEquals(2, log.messages(ch.qos.logback.classic.Level.WARN).size(), log.messages(ch.qos.logback.classic.Level.WARN).toString());
        }
        Logins.checkAdminPassword("long enough password", "0.0.0.0");
        Logins.checkAdminPassword(null, "0.0.0.0");
    }
}
