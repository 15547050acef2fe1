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
 * Brings the schema up to date from the numbered scripts in {@code db/sqlite/}.
 * The scripts are listed in {@code db/sqlite/migrations.txt} because a folder inside a shaded
 * jar cannot be listed. Each script runs in its own transaction together with its
 * {@code schema_version} row, so a script is applied completely, once, or not at all.
 */
final class Migrations {
    static final String FOLDER = "db/sqlite/";
    static final String INDEX = FOLDER + "migrations.txt";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    record Migration(int version, String description, String resource) {
    }

    private Migrations() {
    }

    /** Applies the scripts this database has not seen yet; returns how many were applied. */
    static int applyPending(Database db) {
        List<Migration> known = listed();
        int newest = known.isEmpty() ? 0 : known.get(known.size() - 1).version();
        int current = db.schemaVersion();
        if (current > newest) {
            throw new DatabaseException("The attendance database at " + db.file() + " is at schema version "
                    + current + " but this presenca build only knows versions up to " + newest
                    + ". Run the presenca version that last used this database, or a newer one.");
        }
        int applied = 0;
        for (Migration migration : known) {
            if (migration.version() > current && apply(db, migration)) {
                applied++;
            }
        }
        return applied;
    }

    static List<Migration> listed() {
        List<Migration> migrations = new ArrayList<>();
        for (String line : readResource(INDEX).split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher matcher = FILE_NAME.matcher(name);
            if (!matcher.matches()) {
                throw new DatabaseException("Bad entry '" + name + "' in " + INDEX
                        + ": migration files must be named like V2__what_it_does.sql");
            }
            int version = Integer.parseInt(matcher.group(1));
            int expected = migrations.size() + 1;
            if (version != expected) {
                throw new DatabaseException(INDEX + " lists " + name + " where version " + expected
                        + " was expected: keep the list in order with no gaps");
            }
            migrations.add(new Migration(version, matcher.group(2).replace('_', ' '), FOLDER + name));
        }
        return migrations;
    }

    private static boolean apply(Database db, Migration migration) {
        String script = readResource(migration.resource());
        try {
            return db.inTransaction(c -> {
                // Another process may have migrated while we waited for the write lock.
                if (Sql.exists(c, "SELECT 1 FROM schema_version WHERE version = ?", migration.version())) {
                    return false;
                }
                for (String statement : SqlScript.statements(script)) {
                    execute(c, statement);
                }
                Sql.update(c, "INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)",
                        migration.version(), migration.description(), Timestamps.now());
                LOG.info("Applied database migration V{} ({}) to {}", migration.version(),
                        migration.description(), db.file());
                return true;
            });
        } catch (DatabaseException e) {
            throw new DatabaseException("Database migration " + migration.resource() + " failed on "
                    + db.file() + " and was rolled back: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + ". The database is unchanged at the previous version; fix the script and restart.", e);
        }
    }

    private static void execute(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
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
