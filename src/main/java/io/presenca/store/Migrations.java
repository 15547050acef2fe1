package io.presenca.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a schema up to date from the numbered scripts in a resource folder: {@code db/sqlite/} for
 * the gateway's SQLite file, {@code db/postgres/} for the central PostgreSQL. The scripts are listed
 * in the folder's {@code migrations.txt} because a folder inside a shaded jar cannot be listed. Each
 * script runs in its own transaction together with its {@code schema_version} row, so a script is
 * applied completely, once, or not at all.
 */
public final class Migrations {
    static final String FOLDER = "db/sqlite/";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    record Migration(int version, String description, String resource) {
    }

    /**
     * A database to migrate. Its {@code schema_version(version, description, applied_at)} table
     * exists before migrating; {@link #lockForMigration} runs first in each migration's transaction
     * so that two processes migrating at once apply each script once.
     */
    public interface Target {
        /** "the attendance database at /var/presenca/attendance.db", for messages. */
        String describe();

        <T> T inTransaction(SqlWork<T> work);

        void lockForMigration(Connection c) throws SQLException;
    }

    private final String folder;

    private Migrations(String folder) {
        this.folder = folder;
    }

    /** The scripts listed in {@code folder + "migrations.txt"}, e.g. {@code in("db/postgres/")}. */
    public static Migrations in(String folder) {
        return new Migrations(folder);
    }

    /** Applies the SQLite scripts this database has not seen yet; returns how many were applied. */
    static int applyPending(Database db) {
        return in(FOLDER).applyPending(new Target() {
            @Override
            public String describe() {
                return "the attendance database at " + db.file();
            }

            @Override
            public <T> T inTransaction(SqlWork<T> work) {
                return db.inTransaction(work);
            }

            @Override
            public void lockForMigration(Connection c) {
                // IMMEDIATE transactions already hold SQLite's write lock.
            }
        });
    }

    static List<Migration> listed() {
        return in(FOLDER).scripts();
    }

    /** Applies the scripts the target has not seen yet; returns how many were applied. */
    public int applyPending(Target target) {
        List<Migration> known = scripts();
        int newest = known.isEmpty() ? 0 : known.get(known.size() - 1).version();
        int current = target.inTransaction(c -> (int) Sql.count(c, "SELECT coalesce(max(version), 0) FROM schema_version"));
        if (current > newest) {
            throw new DatabaseException(capitalized(target.describe()) + " is at schema version " + current
                    + " but this presenca build only knows versions up to " + newest
                    + ". Run the presenca version that last used this database, or a newer one.");
        }
        int applied = 0;
        for (Migration migration : known) {
            if (migration.version() > current && apply(target, migration)) {
                applied++;
            }
        }
        return applied;
    }

    List<Migration> scripts() {
        String index = folder + "migrations.txt";
        List<Migration> migrations = new ArrayList<>();
        for (String line : readResource(index).split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher matcher = FILE_NAME.matcher(name);
            if (!matcher.matches()) {
                throw new DatabaseException("Bad entry '" + name + "' in " + index
                        + ": migration files must be named like V2__what_it_does.sql");
            }
            int version = Integer.parseInt(matcher.group(1));
            int expected = migrations.size() + 1;
            if (version != expected) {
                throw new DatabaseException(index + " lists " + name + " where version " + expected
                        + " was expected: keep the list in order with no gaps");
            }
            migrations.add(new Migration(version, matcher.group(2).replace('_', ' '), folder + name));
        }
        return migrations;
    }

    private static boolean apply(Target target, Migration migration) {
        String script = readResource(migration.resource());
        try {
            return target.inTransaction(c -> {
                target.lockForMigration(c);
                // Another process may have migrated while we waited for the lock.
                if (Sql.exists(c, "SELECT 1 FROM schema_version WHERE version = ?", migration.version())) {
                    return false;
                }
                for (String statement : SqlScript.statements(script)) {
                    execute(c, statement);
                }
                Sql.update(c, "INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)",
                        migration.version(), migration.description(), Timestamps.now());
                LOG.info("Applied database migration V{} ({}) to {}", migration.version(),
                        migration.description(), target.describe());
                return true;
            });
        } catch (DatabaseException e) {
            throw new DatabaseException("Database migration " + migration.resource() + " failed on "
                    + target.describe() + " and was rolled back: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + ". The database is unchanged at the previous version; fix the script and restart.", e);
        }
    }

    private static void execute(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String readResource(String name) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new DatabaseException("Resource " + name + " is missing from the classpath: "
                        + "the presenca build is incomplete; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatabaseException("Cannot read " + name + " from the classpath: " + e.getMessage(), e);
        }
    }
}
