package io.presenca;

import io.presenca.config.Settings;
import io.presenca.store.DashboardAccess;
import io.presenca.store.DashboardUserStore;
import io.presenca.store.Database;
import io.presenca.web.PasswordHash;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code dashboard-user NAME [--remove | --role admin | --role teacher --classes 5A,5B]}: adds a dashboard
 * user, sets a new password for one, gives one a role, or removes one. The password is read twice from the
 * terminal without echo, or once from standard input when piped; only its PBKDF2 hash is stored. Giving an
 * existing user a role asks for no password. A new user without {@code --role} is an admin, as every user
 * was before roles. A running gateway ends the user's sessions at their next request after a new password
 * or a removal, and applies a new role at once.
 */
final class DashboardUserCommand {

    private static final String REMOVE = "--remove";
    private static final String ROLE = "--role";
    private static final String CLASSES = "--classes";
    private static final String USAGE = "dashboard-user: give one user name (letters, digits, '.', '_' or '-'), then "
            + REMOVE + " to remove that user, or " + ROLE + " admin, or " + ROLE + " teacher " + CLASSES + " 5A,5B.";

    private final Settings settings;
    private final String name;
    private final boolean remove;
    /** null: no role given (a new user is an admin, an existing one keeps theirs). */
    private final DashboardAccess access;

    DashboardUserCommand(Settings settings, List<String> options) {
        this.settings = settings;
        if (options.isEmpty() || !options.get(0).matches("[A-Za-z0-9._-]{1,64}")) {
            throw new Presenca.UsageException(USAGE);
        }
        this.name = options.get(0);
        List<String> rest = options.subList(1, options.size());
        this.remove = rest.equals(List.of(REMOVE));
        this.access = remove || rest.isEmpty() ? null : access(rest);
    }

    private static DashboardAccess access(List<String> rest) {
        if (rest.size() == 2 && rest.get(0).equals(ROLE) && rest.get(1).equals("admin")) {
            return DashboardAccess.ADMIN;
        }
        if (rest.size() == 4 && rest.get(0).equals(ROLE) && rest.get(1).equals("teacher") && rest.get(2).equals(CLASSES)) {
            java.util.Set<String> classes = DashboardAccess.parseClasses(rest.get(3));
            if (classes.isEmpty()) {
                throw new Presenca.UsageException("dashboard-user: a teacher needs the classes they teach, e.g. "
                        + CLASSES + " 5A,5B; nothing changed.");
            }
            return DashboardAccess.teacherOf(classes);
        }
        throw new Presenca.UsageException(USAGE);
    }

    /** {@code console}: null when standard input is not a terminal; then {@code piped} gives the password line. */
    int run(java.io.Console console, BufferedReader piped, PrintStream out) throws IOException {
        DashboardUserStore users = new DashboardUserStore(Database.open(settings.sqlitePath));
        if (remove) {
            if (!users.remove(name)) {
                throw new Presenca.UsageException("dashboard-user: there is no dashboard user " + name
                        + " in " + settings.sqlitePath + "; nothing changed.");
            }
            out.println("Removed dashboard user " + name + " from " + settings.sqlitePath
                    + "; their dashboard sessions end at once.");
            return 0;
        }
        if (access != null && users.exists(name)) {
            users.setAccess(name, access);
            out.println("Dashboard user " + name + " is now " + describe(access) + " in " + settings.sqlitePath + ".");
            return 0;
        }
        char[] password = readPassword(console, piped);
        if (password.length < PasswordHash.MIN_LENGTH) {
            throw new Presenca.UsageException("dashboard-user: the password needs at least " + PasswordHash.MIN_LENGTH
                    + " characters; nothing changed.");
        }
        boolean added = users.save(name, PasswordHash.of(password));
        Arrays.fill(password, ' ');
        if (access != null) {
            users.setAccess(name, access);
        }
        out.println((added ? "Added dashboard user " + name + " (" + describe(access == null ? DashboardAccess.ADMIN : access)
                + ")" : "New password set for dashboard user " + name) + " in " + settings.sqlitePath + "."
                + (added ? "" : " Their open dashboard sessions end at once."));
        return 0;
    }

    private static String describe(DashboardAccess access) {
        return access.isAdmin() ? "an admin: every class, and may void records"
                : "a teacher of " + access.classList() + ": only those classes";
    }

    private char[] readPassword(java.io.Console console, BufferedReader piped) throws IOException {
        if (console == null) {
            String line = piped.readLine();
            return line == null ? new char[0] : line.toCharArray();
        }
        char[] password = console.readPassword("New dashboard password for %s: ", name);
        char[] again = console.readPassword("Again: ");
        if (password == null || !Arrays.equals(password, again)) {
            throw new Presenca.UsageException("dashboard-user: the two passwords differ; nothing changed.");
        }
        return password;
    }
}
