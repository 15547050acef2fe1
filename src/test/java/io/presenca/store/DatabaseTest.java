package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void migrationsCreateEveryTable() {
        Database db = Database.open(TestFiles.freshDatabaseFile());

        List<String> tables = db.withConnection(c -> Sql.list(c,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                row -> row.getString(1)));

        assertEquals(List.of("attendance_audit", "attendance_faces", "attendance_records", "attendance_voids",
                "central_timetable", "dashboard_users", "devices", "enrollment_photos", "erasure_log", "event_outbox",
                "face_templates", "lesson_attendance", "lessons_ended", "negative_faces", "rekognition_faces",
                "rekognition_rechecks", "review_items", "schema_version", "student_consents", "students", "sync_cursors",
                "sync_logs", "unknown_faces"), tables);
        assertEquals(Migrations.listed().size(), db.schemaVersion());
    }

    @Test
    void everyConnectionHasTheDurabilityPragmas() throws SQLException {
        Database db = Database.open(TestFiles.freshDatabaseFile());

        try (var c = db.connect(); var s = c.createStatement()) {
            assertEquals("wal", pragma(s, "journal_mode"));
            assertEquals("2", pragma(s, "synchronous"), "2 = FULL");
            assertEquals("10000", pragma(s, "busy_timeout"));
            assertEquals("1", pragma(s, "foreign_keys"));
        }
    }

    @Test
    void reopeningDoesNotReapplyMigrations() {
        Path file = TestFiles.freshDatabaseFile();
        List<String> firstRun = appliedMigrations(Database.open(file));

        List<String> secondRun = appliedMigrations(Database.open(file));

        assertEquals(firstRun, secondRun, "same versions, same applied_at");
    }

    @Test
    void aFolderThatCannotBeCreatedGivesAnErrorSayingWhatToCheck() throws Exception {
        // A file where the folder should be: fails even for root, unlike chmod.
        Path blocker = TestFiles.freshFolder().resolve("not-a-folder");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "x");

        DatabaseException e = assertThrows(DatabaseException.class,
                () -> Database.open(blocker.resolve("presenca.db")));

        assertTrue(e.getMessage().startsWith("Cannot open the attendance database at "), e.getMessage());
        assertTrue(e.getMessage().contains("not-a-folder is a file, not a folder"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Check SQLITE_PATH and folder permissions."), e.getMessage());
    }

    @Test
    void aReadOnlyFolderGivesAnErrorSayingWhatToCheck() throws Exception {
        Path folder = TestFiles.freshFolder();
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(folder), "root can write anywhere; the file-in-the-way test covers root");

            DatabaseException e = assertThrows(DatabaseException.class,
                    () -> Database.open(folder.resolve("presenca.db")));

            assertTrue(e.getMessage().startsWith("Cannot open the attendance database at "), e.getMessage());
            assertTrue(e.getMessage().endsWith("Check SQLITE_PATH and folder permissions."), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFileThatIsNotADatabaseGivesAnErrorSayingWhatToCheck() throws Exception {
        Path file = TestFiles.freshDatabaseFile();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "this is not sqlite ".repeat(100));

        DatabaseException e = assertThrows(DatabaseException.class, () -> Database.open(file));

        assertTrue(e.getMessage().startsWith("Cannot open the attendance database at " + file.toAbsolutePath()),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Check SQLITE_PATH and folder permissions."), e.getMessage());
    }

    @Test
    void aDatabaseFromANewerBuildIsRefused() {
        Path file = TestFiles.freshDatabaseFile();
        Database.open(file).withConnection(c -> Sql.update(c,
                "INSERT INTO schema_version(version, description, applied_at) VALUES (999, 'future', 'x')"));

        DatabaseException e = assertThrows(DatabaseException.class, () -> Database.open(file));

        assertTrue(e.getMessage().contains("schema version 999"), e.getMessage());
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        Database db = Database.open(TestFiles.freshDatabaseFile());

        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            Sql.update(c, "INSERT INTO devices(id, registered_at, last_seen_at) VALUES ('d1', 'x', 'x')");
            throw new IllegalStateException("boom");
        }));

        assertEquals(0L, (long) db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM devices")));
    }

    private static String pragma(java.sql.Statement s, String name) throws SQLException {
        try (var rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> appliedMigrations(Database db) {
        return db.withConnection(c -> Sql.list(c, "SELECT version, applied_at FROM schema_version ORDER BY version",
                row -> row.getInt(1) + "@" + row.getString(2)));
    }

    @Test
    void processesOpeningAFreshDatabaseAtTheSameMomentShareItsFolderAndItsKey() throws Exception {
        // a gateway starting while a command (export, erase) opens the same new database
        for (int round = 0; round < 5; round++) {
            Path file = TestFiles.freshDatabaseFile().resolveSibling("data").resolve("attendance.db");
            int openers = 8;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(openers);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(openers);
            try {
                List<java.util.concurrent.Future<Database>> opened = new java.util.ArrayList<>();
                for (int i = 0; i < openers; i++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        return Database.open(file);
                    }));
                }
                byte[] sealed = opened.get(0).get().cipher().encrypt(new byte[] {1, 2, 3});
                for (java.util.concurrent.Future<Database> db : opened) {
                    assertTrue(java.util.Arrays.equals(new byte[] {1, 2, 3}, db.get().cipher().decrypt(sealed)),
                            "every opener uses the one key");
                }
            } finally {
                pool.shutdownNow();
            }
            try (var leftovers = Files.list(file.getParent())) {
                assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary key file left");
            }
        }
    }

    @Test
    void openingWaitsForAnotherProcessThatIsWritingInsteadOfFailing() throws Exception {
        Path file = TestFiles.freshDatabaseFile();
        Database first = Database.open(file);
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        Thread writer = new Thread(() -> first.inTransaction(c -> {
            Sql.update(c, "INSERT INTO devices(id, name, app_version, registered_at, last_seen_at) VALUES ('d', 'd', '1', 'x', 'x')");
            writing.countDown();
            pause(1500); // the thing under test: a transaction held long (the gateway applying a long migration)
            return null;
        }));
        writer.start();
        writing.await();

        Database second = Database.open(file);

        writer.join();
        assertEquals(1L, (long) second.withConnection(c -> Sql.count(c, "SELECT count(*) FROM devices")));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
