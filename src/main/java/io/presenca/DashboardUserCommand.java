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
 * {@code dashboard-user NAME}: adds a dashboard user, or sets a new password for one. The password is
 * read twice from the terminal without echo, or once from standard input when piped; only its
 * PBKDF2 hash is stored.
 */
final class DashboardUserCommand {

    static final int MIN_LENGTH = 10;

    private final Settings settings;
    private final String name;

    DashboardUserCommand(Settings settings, List<String> options) {
        this.settings = settings;
        if (options.size() != 1 || !options.get(0).matches("[A-Za-z0-9._-]{1,64}")) {
            throw new Presenca.UsageException("dashboard-user: give one user name (letters, digits, '.', '_' or '-').");
        }
        this.name = options.get(0);
    }

    /** {@code console}: null when standard input is not a terminal; then {@code piped} gives the password line. */
    int run(java.io.Console console, BufferedReader piped, PrintStream out) throws IOException {
        char[] password;
        if (console != null) {
            password = console.readPassword("New dashboard password for %s: ", name);
            char[] again = console.readPassword("Again: ");
            if (password == null || !Arrays.equals(password, again)) {
                throw new Presenca.UsageException("dashboard-user: the two passwords differ; nothing changed.");
            }
        } else {
            String line = piped.readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length < MIN_LENGTH) {
            throw new Presenca.UsageException("dashboard-user: the password needs at least " + MIN_LENGTH
                    + " characters; nothing changed.");
        }
        boolean added = new DashboardUserStore(Database.open(settings.sqlitePath)).save(name, PasswordHash.of(password));
        Arrays.fill(password, ' ');
        out.println((added ? "Added dashboard user " : "New password set for dashboard user ") + name + " in "
                + settings.sqlitePath + ".");
        return 0;
    }
}
