package io.presenca.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks the dashboard's admin password (DASHBOARD_ADMIN_PASSWORD). There is no default: without
 * the setting every login is refused with a message saying how to set it. After
 * {@value #MAX_FAILURES} wrong passwords in a row, logins are refused for a minute, which makes
 * guessing over the network slow.
 */
final class AdminLogin {

    static final String USER = "admin";
    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(1);
    static final String NOT_CONFIGURED = "Dashboard login is off: no password is configured. Set DASHBOARD_ADMIN_PASSWORD"
            + " (environment or application.properties) and restart the gateway.";

    enum Outcome { ACCEPTED, WRONG, LOCKED_OUT, NOT_CONFIGURED }

    private final byte[] expectedDigest;
    private final Clock clock;
    private int failures;
    private Instant lockedUntil = Instant.MIN;

    AdminLogin(String adminPassword, Clock clock) {
        this.expectedDigest = adminPassword == null || adminPassword.isEmpty() ? null : digest(adminPassword);
        this.clock = clock;
    }

    boolean configured() {
        return expectedDigest != null;
    }

    synchronized Outcome check(String user, String password) {
        if (expectedDigest == null) {
            return Outcome.NOT_CONFIGURED;
        }
        if (clock.instant().isBefore(lockedUntil)) {
            return Outcome.LOCKED_OUT;
        }
        // digests compared in constant time: the answer's timing says nothing about the password
        boolean right = USER.equals(user) && password != null && MessageDigest.isEqual(expectedDigest, digest(password));
        if (right) {
            failures = 0;
            return Outcome.ACCEPTED;
        }
        if (++failures >= MAX_FAILURES) {
            failures = 0;
            lockedUntil = clock.instant().plus(LOCKOUT);
        }
        return Outcome.WRONG;
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
