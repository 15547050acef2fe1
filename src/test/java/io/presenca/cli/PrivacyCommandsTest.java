package io.presenca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.GatewayFixture;
import io.presenca.store.ConsentStore;
import io.presenca.store.Database;
import io.presenca.store.RecheckStore;
import io.presenca.store.ReviewItem;
import io.presenca.store.ReviewStore;
import io.presenca.store.Sql;
import io.presenca.store.AttendanceStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * consent, erase and verify-erased from the command line, on a gateway that enrolled real photos with
 * the real models: what a school's data protection officer would run, checked store by store and in the
 * raw bytes of the database file.
 */
class PrivacyCommandsTest {

    private static final List<String> SETTINGS = List.of("FACES_DIR", "SQLITE_PATH", "CAMERA_SOURCE", "DEVICE_ID",
            "ERASE_ATTENDANCE", "REQUIRE_CONSENT");
    private static final Path BBT = GatewayFixture.DATASETS.resolve("faceapi_bbt");

    private final GatewayFixture gateway = new GatewayFixture();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void clearSettings() {
        SETTINGS.forEach(System::clearProperty);
    }

    private int presenca(String... args) {
        out.reset();
        gateway.settings.forEach(System::setProperty);
        return Presenca.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private void photosWithoutConsent(String studentId, Path... photos) throws IOException {
        Path folder = Files.createDirectories(gateway.faces.resolve(studentId));
        for (Path photo : photos) {
            Files.copy(photo, folder.resolve(photo.getFileName()));
        }
    }

    private long templates(Database db, String studentId) {
        return db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM face_templates WHERE student_id = ?", studentId));
    }

    @Test
    void withoutConsentAStudentIsNotEnrolledUntilItIsGivenAndWithdrawingItErasesTheirFaceData() throws IOException {
        photosWithoutConsent("raj", BBT.resolve("raj/raj1.png"), BBT.resolve("raj/raj2.png"));
        gateway.enroll("sheldon", BBT.resolve("sheldon/sheldon1.png"));

        assertEquals(0, presenca("enroll"));
        assertTrue(out().contains("student raj skipped: no guardian consent recorded (REQUIRE_CONSENT=true"), out());
        assertTrue(out().contains("1 skipped without consent"), out());
        Database db = Database.open(gateway.sqlite);
        assertEquals(0, templates(db, "raj"));
        assertEquals(1, templates(db, "sheldon"));

        assertEquals(0, presenca("consent", "raj", "--given-by", "Anita Koothrappali (mother)", "--date", "2026-03-01",
                "--scope", "attendance at the door"));
        assertEquals(0, presenca("enroll"));
        assertTrue(out().contains("raj/raj1.png  accepted"), out());
        assertEquals(2, templates(db, "raj"));
        assertEquals(0, presenca("consent", "raj"));
        assertTrue(out().contains("consent given by Anita Koothrappali (mother) on 2026-03-01 (scope: attendance at the door)"
                + " (recorded from command)"), out());

        assertEquals(0, presenca("consent", "raj", "--revoke", "--date", "2026-05-02"));
        assertTrue(out().contains("consent revoked on 2026-05-02"), out());
        assertEquals(0, templates(db, "raj"), "withdrawal erases the templates at once");
        assertFalse(Files.exists(gateway.faces.resolve("raj")), "and the photos");
        assertEquals(1, templates(db, "sheldon"), "nobody else's");

        // photos brought back with a file still carrying the old grant do not bring the student back
        photosWithoutConsent("raj", BBT.resolve("raj/raj1.png"));
        Files.writeString(gateway.faces.resolve("raj/student.json"),
                "{\"consent\": {\"given_by\": \"Anita\", \"date\": \"2026-03-01\"}}");
        assertEquals(0, presenca("enroll"));
        assertTrue(out().contains("student raj skipped: consent was withdrawn on 2026-05-02"), out());
        assertEquals(0, templates(db, "raj"));
        // an older grant on the command line is refused with the reason
        assertEquals(1, presenca("consent", "raj", "--given-by", "Anita", "--date", "2026-04-01"));
        assertTrue(out().contains("give --date on or after that day"), out());
    }

    @Test
    void consentIsRefusedForAnUnknownIdAFutureDayOrAScopeWithoutAttendanceRecordingNothing() throws IOException {
        photosWithoutConsent("raj", BBT.resolve("raj/raj1.png"));
        assertEquals(2, presenca("consent", "rajj", "--given-by", "Anita", "--date", "2026-03-01"));
        assertTrue(out().contains("consent: there is no student rajj"), out());
        String tomorrow = java.time.LocalDate.now().plusDays(1).toString();
        assertEquals(2, presenca("consent", "raj", "--given-by", "Anita", "--date", tomorrow));
        assertTrue(out().contains("--date " + tomorrow + " is in the future"), out());
        assertEquals(2, presenca("consent", "raj", "--given-by", "Anita", "--scope", "yearbook photos"));
        assertTrue(out().contains("does not cover attendance"), out());
        ConsentStore consents = new ConsentStore(Database.open(gateway.sqlite));
        assertTrue(consents.find("rajj").isEmpty() && consents.find("raj").isEmpty(), "nothing recorded");

        // a student the school's database sent down has no folder yet, and is known all the same
        new io.presenca.store.StudentStore(Database.open(gateway.sqlite)).upsert("2024-0117", "Ana Souza", "5A");
        assertEquals(0, presenca("consent", "2024-0117", "--given-by", "Maria Souza (mother)", "--date", "2026-02-01"));
        assertTrue(consents.inForce("2024-0117"));
    }

    @Test
    void eraseRemovesEveryTraceAndVerifyErasedProvesItDownToTheRawFile() throws IOException {
        gateway.settings.put("ERASE_ATTENDANCE", "delete");
        gateway.enroll("sheldon", BBT.resolve("sheldon/sheldon1.png"), BBT.resolve("sheldon/sheldon2.png"));
        gateway.enroll("leonard", BBT.resolve("leonard/leonard1.png"));
        assertEquals(0, presenca("enroll"));
        Database db = Database.open(gateway.sqlite);
        // evidence of the kinds the gateway keeps: attendance, a review crop, a Rekognition recheck crop
        String record = new AttendanceStore(db).recordUnlessRecent("sheldon", "test-door", Instant.now(), 97.1, 0.3,
                "local-fallback", Duration.ofMinutes(10)).orElseThrow().id();
        byte[] crop = Files.readAllBytes(BBT.resolve("sheldon/sheldon3.png"));
        new ReviewStore(db).addUnlessRecent(new ReviewItem(null, "sheldon", "leonard", "test-door",
                Instant.now().minusSeconds(3600), "low_margin", 0.4, 0.45, 96.0, "local", crop, "open", null),
                Duration.ofMinutes(1));
        new ReviewStore(db).addUnlessRecent(new ReviewItem(null, "leonard", "sheldon", "test-door",
                Instant.now(), "low_margin", 0.4, 0.45, 96.0, "local", null, "open", null), Duration.ofMinutes(1));
        new RecheckStore(db).add(record, "sheldon", crop);
        List<byte[]> blobs = new ArrayList<>(db.withConnection(c -> Sql.list(c,
                "SELECT descriptor FROM face_templates WHERE student_id = 'sheldon'", row -> row.getBytes(1))));
        assertEquals(2, blobs.size());
        blobs.add(crop);

        assertEquals(1, presenca("verify-erased", "sheldon"), "nothing erased yet");
        assertTrue(out().contains("FAILED  SQLite face_templates: 2 rows still name the student"), out());

        assertEquals(0, presenca("erase", "sheldon"));
        String report = out();
        assertTrue(report.contains("files deleted with the folder"), report);
        assertTrue(report.contains("SQLite face_templates: 2 rows"), report);
        assertTrue(report.contains("SQLite review_items: 1 row"), report);
        assertTrue(report.contains("SQLite review_items naming them as runner-up: 1 row"), report);
        assertTrue(report.contains("SQLite rekognition_rechecks: 1 row"), report);
        assertTrue(report.contains("SQLite attendance_records (delete): 1 row"), report);
        assertTrue(report.contains("vacuumed; write-ahead log emptied"), report);
        assertFalse(Files.exists(gateway.faces.resolve("sheldon")));
        assertEquals(1, templates(db, "leonard"), "the other student is untouched");

        // independently of verify-erased: neither the id nor any template or crop is left in the bytes
        for (Path file : List.of(gateway.sqlite, Path.of(gateway.sqlite + "-wal"))) {
            byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            assertEquals(-1, indexOf(bytes, "sheldon".getBytes(StandardCharsets.UTF_8)), file + " holds the id");
            for (byte[] blob : blobs) {
                assertEquals(-1, indexOf(bytes, java.util.Arrays.copyOfRange(blob, 100, 164)), file + " holds a blob");
            }
        }
        assertEquals(0, presenca("verify-erased", "sheldon"), out());
        assertTrue(out().contains("ok      raw attendance.db"), out());

        // the raw check can fail: a template's bytes hidden in an unrelated row are found
        db.withConnection(c -> Sql.update(c, "INSERT INTO sync_logs(started_at, error) VALUES ('x', ?)", blobs.get(0)));
        assertEquals(1, presenca("verify-erased", "sheldon"));
        assertTrue(out().contains("still holds 1 of 4 erased templates or crops"), out());
    }

    @Test
    void afterARealCaptureEraseLeavesNeitherTheIdNorAnyTemplateInAnyStore() throws Exception {
        gateway.settings.put("ERASE_ATTENDANCE", "delete");
        String student = GatewayFixture.lfwIdentities(5, 1000).get(0);
        gateway.enrollAndShowNextThree(student);
        assertEquals(0, gateway.runToEnd());
        assertEquals(java.util.Map.of(student, 1L), gateway.recordsPerStudent(), "captured at the door");
        Database db = Database.open(gateway.sqlite);
        List<byte[]> plain = new io.presenca.store.TemplateStore(db).activeTemplates(io.presenca.vision.DescriptorModel.OMZ.storedName())
                .stream().map(t -> io.presenca.store.DescriptorCodec.encode(t.descriptor())).toList();
        List<byte[]> stored = db.withConnection(c -> Sql.list(c, "SELECT descriptor FROM face_templates", row -> row.getBytes(1)));
        assertEquals(2, plain.size());

        assertEquals(0, presenca("erase", student));
        for (Path file : List.of(gateway.sqlite, Path.of(gateway.sqlite + "-wal"))) {
            byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            assertEquals(-1, indexOf(bytes, student.getBytes(StandardCharsets.UTF_8)), file + " holds the id");
            for (byte[] template : plain) {
                assertEquals(-1, indexOf(bytes, java.util.Arrays.copyOfRange(template, 0, 64)), "plaintext template");
            }
            for (byte[] template : stored) {
                assertEquals(-1, indexOf(bytes, java.util.Arrays.copyOfRange(template, 20, 84)), "encrypted template");
            }
        }
        assertFalse(Files.exists(gateway.faces.resolve(student)));
        assertEquals(0, presenca("verify-erased", student), out());
    }

    @Test
    void idsThatAreNotStudentIdsAreRefusedBeforeAnythingIsTouched() {
        assertEquals(2, presenca("erase", "../data"));
        assertTrue(out().contains("erase: '../data' is not a student id"), out());
        assertEquals(2, presenca("consent", "../x", "--revoke"));
        assertEquals(2, presenca("verify-erased"));
        assertTrue(Files.exists(gateway.faces));
    }

    /** Where {@code needle} starts in {@code haystack}, byte for byte, or -1. */
    static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
