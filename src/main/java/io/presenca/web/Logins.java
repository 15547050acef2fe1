package io.presenca.web;

import io.presenca.store.DashboardUserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who may log in to the dashboard: the users added with {@code dashboard-user} (PBKDF2 hashes in
 * SQLite) and {@value #ADMIN} with DASHBOARD_ADMIN_PASSWORD. There is no default: with neither,
 * every login is refused with a message saying how to set one up. After {@value #MAX_FAILURES}
 * wrong passwords in a row, logins are refused for a minute, which makes guessing over the
 * network slow.
 */
final class Logins {

    static final String ADMIN = "admin";
    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(1);
    static final String NOT_CONFIGURED = "Dashboard login is off: nobody has a password. Set DASHBOARD_ADMIN_PASSWORD"
            + " (environment or application.properties) and restart the gateway, or add a user with"
            + " 'java -jar presenca.jar dashboard-user NAME'.";
    /** Checked against when the user does not exist, so an unknown name costs the same time as a wrong password. */
    private static final String NOBODY = PasswordHash.of("no such user".toCharArray());

    enum Outcome { ACCEPTED, WRONG, LOCKED_OUT, NOT_CONFIGURED }

    private final byte[] adminDigest;
    private final DashboardUserStore users;
    private final Clock clock;
    private int failures;
    private Instant lockedUntil = Instant.MIN;

    Logins(String adminPassword, DashboardUserStore users, Clock clock) {
        this.adminDigest = adminPassword == null || adminPassword.isEmpty() ? null : digest(adminPassword);
        this.users = users;
        this.clock = clock;
    }

    /** Users may be added while the gateway runs, so this is asked each time. */
    boolean configured() {
        return adminDigest != null || users.count() > 0;
    }

    synchronized Outcome check(String user, String password) {
        if (!configured()) {
            return Outcome.NOT_CONFIGURED;
        }
        if (clock.instant().isBefore(lockedUntil)) {
            return Outcome.LOCKED_OUT;
        }
        if (password != null && user != null && (isAdmin(user, password) || isUser(user, password))) {
            failures = 0;
            return Outcome.ACCEPTED;
        }
        if (++failures >= MAX_FAILURES) {
            failures = 0;
            lockedUntil = clock.instant().plus(LOCKOUT);
        }
        return Outcome.WRONG;
    }

    private boolean isAdmin(String user, String password) {
        // digests compared in constant time: the answer's timing says nothing about the password
        return adminDigest != null && ADMIN.equals(user) && MessageDigest.isEqual(adminDigest, digest(password));
    }

    private boolean isUser(String user, String password) {
        Optional<String> hash = users.passwordHash(user);
        return PasswordHash.matches(password.toCharArray(), hash.orElse(NOBODY)) && hash.isPresent();
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
