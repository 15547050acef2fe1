package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** V4 rebuilds review_items to allow a new reason: a gateway that already holds review items keeps them. */
class RekognitionMigrationTest {

    private static final Instant SEEN = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void reviewItemsSurviveV4AndMayThenSayRekognitionDisagrees() throws Exception {
        Path file = TestFiles.freshDatabaseFile();
        Files.createDirectories(file.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version(version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT)");
            for (String script : List.of("V1__initial_schema.sql", "V2__review_queue.sql")) {
                for (String statement : SqlScript.statements(resource(script))) {
                    s.execute(statement);
                }
            }
            s.execute("INSERT INTO schema_version VALUES (1, 'initial schema', 'x'), (2, 'review queue', 'x'), (3, 'central sync', 'x')");
            s.execute("INSERT INTO students(id, name, active, created_at, updated_at) VALUES ('amy', 'Amy', 1, 'x', 'x')");
        }
        byte[] face = {1, 2, 3};
        ReviewItem held = new ReviewItem(null, "amy", "bob", "door", SEEN, "low_margin", 0.4, 0.45, 96.3, "local", face,
                "open", null);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            ReviewStore.insert(c, CIPHER, held, null);
        }

        Database db = Database.open(file, CIPHER);

        assertEquals(Migrations.listed().size(), db.schemaVersion(), "V4 and every later migration applied");
        List<ReviewItem> open = new ReviewStore(db).open();
        assertEquals(1, open.size());
        assertEquals("low_margin", open.get(0).reason());
        assertEquals("bob", open.get(0).runnerUpId());
        assertArrayEquals(face, open.get(0).faceJpeg());
        ReviewItem disagreement = new ReviewItem(null, "amy", null, "door", SEEN.plus(Duration.ofHours(1)),
                "rekognition_disagrees", 0.4, null, 96.3, "rekognition", face, "open", null);
        db.withConnection(c -> ReviewStore.insert(c, CIPHER, disagreement, null));
        ReviewItem bogus = new ReviewItem(null, "amy", null, "door", SEEN, "because", 0.4, null, 96.3, "local", null, "open", null);
        assertThrows(DatabaseException.class, () -> db.withConnection(c -> ReviewStore.insert(c, CIPHER, bogus, null)),
                "the reason is still checked");
        assertEquals(2, new ReviewStore(db).open().size());
    }

    private static final BlobCipher CIPHER = BlobCipher.ofBase64(java.util.Base64.getEncoder().encodeToString(new byte[32]),
            "a test key");

    private static String resource(String name) throws Exception {
        try (InputStream in = RekognitionMigrationTest.class.getClassLoader().getResourceAsStream("db/sqlite/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
