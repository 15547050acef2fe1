package io.presenca;

import io.presenca.config.Settings;
import io.presenca.store.DashboardUserStore;
import io.presenca.store.Database;
import io.presenca.web.PasswordHash;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code dashboard-user NAME [--remove]}: adds a dashboard user, sets a new password for one, or removes
 * one. The password is read twice from the terminal without echo, or once from standard input when
 * piped; only its PBKDF2 hash is stored. A running gateway ends the user's sessions at their next
 * request after a new password or a removal.
 */
final class DashboardUserCommand {

    private static final String REMOVE = "--remove";

    private final Settings settings;
    private final String name;
    private final boolean remove;

    DashboardUserCommand(Settings settings, List<String> options) {
        this.settings = settings;
        this.remove = options.size() == 2 && options.get(1).equals(REMOVE);
        if (options.isEmpty() || options.size() > 2 || (options.size() == 2 && !remove)
                || !options.get(0).matches("[A-Za-z0-9._-]{1,64}")) {
            throw new Presenca.UsageException("dashboard-user: give one user name (letters, digits, '.', '_' or '-'),"
                    + " then " + REMOVE + " to remove that user.");
        }
        this.name = options.get(0);
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
        char[] password = readPassword(console, piped);
        if (password.length < PasswordHash.MIN_LENGTH) {
            throw new Presenca.UsageException("dashboard-user: the password needs at least " + PasswordHash.MIN_LENGTH
                    + " characters; nothing changed.");
        }
        boolean added = users.save(name, PasswordHash.of(password));
        Arrays.fill(password, ' ');
        out.println((added ? "Added dashboard user " : "New password set for dashboard user ") + name + " in "
                + settings.sqlitePath + "." + (added ? "" : " Their open dashboard sessions end at once."));
        return 0;
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
