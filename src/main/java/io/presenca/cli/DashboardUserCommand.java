package io.presenca.cli;

import io.presenca.config.Settings;
import io.presenca.store.DashboardAccess;
import io.presenca.store.DashboardUserStore;
import io.presenca.store.Database;
import io.presenca.web.PasswordHash;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dashboard-user NAME [--remove | --role admin | --role teacher --classes 5A,5B]}: adds a dashboard
 * user, sets a new password for one, gives one a role, or removes one. The password is read twice from the
 * terminal without echo, or once from standard input when piped; only its PBKDF2 hash is stored. Giving an
 * existing user a role asks for no password. A new user without {@code --role} is an admin, as every user
 * was before roles. A running gateway ends the user's sessions at their next request after a new password
 * or a removal, and applies a new role at once.
 */
@Command(name = "dashboard-user",
        description = "Add a dashboard user or set a new password (asked twice on the terminal, or one line piped on "
        + "standard input; at least 10 characters; only a salted PBKDF2 hash is stored in SQLite), give one "
        + "a role, or remove one. A new password or a removal ends the user's open dashboard sessions.")
final class DashboardUserCommand implements Callable<Integer> {

    private static final String USAGE = "dashboard-user: give one user name (letters, digits, '.', '_' or '-'), then"
            + " --remove to remove that user, or --role admin, or --role teacher --classes 5A,5B.";

    /** The roles {@code --role} takes, named as they are typed. */
    enum Role { admin, teacher }

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The user's name: letters, digits, '.', '_' or '-'.")
    private String name;
    @Option(names = "--remove", description = "Remove the user.")
    private boolean remove;
    @Option(names = "--role", paramLabel = "admin|teacher",
            description = "admin: every class, and may void records; teacher: only the classes given with --classes."
                    + " A new user without a role is an admin; an existing one keeps theirs.")
    private Role role;
    @Option(names = "--classes", paramLabel = "5A,5B", description = "With --role teacher: the classes they teach.")
    private String classes;

    DashboardUserCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        DashboardAccess access = access();
        Settings settings = Settings.fromProcess();
        PrintStream out = terminal.out();
        DashboardUserStore users = new DashboardUserStore(Database.open(settings.sqlitePath));
        if (remove) {
            if (!users.remove(name)) {
                throw usage("dashboard-user: there is no dashboard user " + name
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
        char[] password = readPassword();
        if (password.length < PasswordHash.MIN_LENGTH) {
            throw usage("dashboard-user: the password needs at least " + PasswordHash.MIN_LENGTH
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

    /** The access {@code --role} and {@code --classes} give; null when no role is given. */
    private DashboardAccess access() {
        if (!name.matches("[A-Za-z0-9._-]{1,64}") || remove && (role != null || classes != null)
                || (role == Role.teacher) != (classes != null)) {
            throw usage(USAGE);
        }
        if (role == null) {
            return null;
        }
        if (role == Role.admin) {
            return DashboardAccess.ADMIN;
        }
        Set<String> taught = DashboardAccess.parseClasses(classes);
        if (taught.isEmpty()) {
            throw usage("dashboard-user: a teacher needs the classes they teach, e.g. --classes 5A,5B; nothing changed.");
        }
        return DashboardAccess.teacherOf(taught);
    }

    private static String describe(DashboardAccess access) {
        return access.isAdmin() ? "an admin: every class, and may void records"
                : "a teacher of " + access.classList() + ": only those classes";
    }

    private char[] readPassword() throws IOException {
        if (terminal.console() == null) {
            String line = terminal.piped().readLine();
            return line == null ? new char[0] : line.toCharArray();
        }
        char[] password = terminal.console().readPassword("New dashboard password for %s: ", name);
        char[] again = terminal.console().readPassword("Again: ");
        if (password == null || !Arrays.equals(password, again)) {
            throw usage("dashboard-user: the two passwords differ; nothing changed.");
        }
        return password;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
