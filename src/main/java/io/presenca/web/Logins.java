package io.presenca.web;

import io.presenca.config.ConfigurationException;
import io.presenca.store.DashboardAccess;
import io.presenca.store.DashboardUserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in to the dashboard: the users added with {@code dashboard-user} (PBKDF2 hashes in
 * SQLite) and {@value #ADMIN} with DASHBOARD_ADMIN_PASSWORD. There is no default: with neither,
 * every login is refused with a message saying how to set one up. Guessing is slowed per user name
 * and per client address ({@link LoginThrottle}); every refusal is logged with both.
 */
final class Logins {

    static final String ADMIN = "admin";
    static final String NOT_CONFIGURED = "Dashboard login is off: nobody has a password. Set DASHBOARD_ADMIN_PASSWORD"
            + " (environment or application.properties) and restart the gateway, or add a user with"
            + " 'java -jar presenca.jar dashboard-user NAME'.";
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    /** Checked against when the user does not exist, so an unknown name costs the same time as a wrong password. */
    private static final String NOBODY = PasswordHash.of("no such user".toCharArray());

    enum Outcome { ACCEPTED, WRONG, LOCKED_OUT, NOT_CONFIGURED }

    private final byte[] adminDigest;
    private final DashboardUserStore users;
    private final LoginThrottle throttle;

    Logins(String adminPassword, DashboardUserStore users, Clock clock) {
        this.adminDigest = adminPassword == null || adminPassword.isEmpty() ? null : digest(adminPassword);
        this.users = users;
        this.throttle = new LoginThrottle(clock);
    }

    /**
     * DASHBOARD_ADMIN_PASSWORD must be as long as a {@code dashboard-user} password: refused at start when
     * the dashboard listens beyond this PC, a warning on loopback (only people at the gateway PC reach it).
     */
    static void checkAdminPassword(String adminPassword, String managementHost) {
        if (adminPassword == null || adminPassword.isEmpty() || adminPassword.length() >= PasswordHash.MIN_LENGTH) {
            return;
        }
        String problem = "DASHBOARD_ADMIN_PASSWORD has " + adminPassword.length() + " characters; it needs at least "
                + PasswordHash.MIN_LENGTH + " (as dashboard-user passwords do)";
        if (!BindAddress.isLoopback(managementHost)) {
            throw new ConfigurationException(problem + ", because MANAGEMENT_HOST=" + managementHost + " lets other"
                    + " computers reach the dashboard. Set a longer DASHBOARD_ADMIN_PASSWORD and start again.");
        }
        LOG.warn("{}. Only this PC can reach the dashboard (MANAGEMENT_HOST={}), so the gateway starts; set a longer"
                + " one before opening MANAGEMENT_HOST to the network.", problem, managementHost);
    }

    /** Users may be added while the gateway runs, so this is asked each time. */
    boolean configured() {
        return adminDigest != null || users.count() > 0;
    }

    /** {@code address}: the client's IP as the connection shows it (never a header the client writes). */
    synchronized Outcome check(String user, String password, String address) {
        String name = user == null ? "" : user;
        if (!configured()) {
            refused(name, address, "nobody has a password yet");
            return Outcome.NOT_CONFIGURED;
        }
        String lockout = throttle.refusal(name, address);
        if (lockout != null) {
            refused(name, address, lockout);
            return Outcome.LOCKED_OUT;
        }
        if (password != null && (isAdmin(name, password) || isUser(name, password))) {
            throttle.succeeded(name);
            LOG.info("Dashboard login: {} from {}", printable(name), address);
            return Outcome.ACCEPTED;
        }
        throttle.failed(name, address);
        refused(name, address, "wrong user name or password");
        return Outcome.WRONG;
    }

    /**
     * What the user's password is now, to tell a session opened before a change from one opened after:
     * the admin password cannot change without a restart, a dashboard user's hash changes with each
     * {@code dashboard-user NAME}. Empty when the user cannot log in at all (removed).
     */
    Optional<String> credentials(String user) {
        boolean admin = adminDigest != null && ADMIN.equals(user);
        Optional<String> hash = users.passwordHash(user);
        if (!admin && hash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((admin ? "DASHBOARD_ADMIN_PASSWORD" : "") + "|" + hash.orElse(""));
    }

    /**
     * The user's role and classes, asked at every request so a changed role applies at once. The admin of
     * DASHBOARD_ADMIN_PASSWORD is not in the users table: an admin.
     */
    DashboardAccess access(String user) {
        return users.access(user).orElse(DashboardAccess.ADMIN);
    }

    private static void refused(String user, String address, String why) {
        LOG.warn("Dashboard login refused for user '{}' from {}: {}", printable(user), address, why);
    }

    /** A user name as typed by anyone: control characters would forge log lines. */
    private static String printable(String user) {
        String shown = user.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
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
