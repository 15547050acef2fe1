package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.students.EnrollmentReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crafted and broken files in the faces folder and before the camera: each gets a clear per-file error,
 * the process carries on, nothing already recorded is lost and the database stays consistent. The fuzz
 * part mutates real photos with a fixed seed, so a failure can be replayed.
 */
@Timeout(300)
class HostileInputTest {

    private static final long SEED = 20261125L;
    private static final Path BBT = GatewayFixture.DATASETS.resolve("faceapi_bbt");

    private final GatewayFixture gateway = new GatewayFixture();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void clearSettings() {
        gateway.clearCommandSettings();
    }

    private int presenca(String... args) {
        return gateway.command(out, args);
    }

    /** A JPEG whose frame header claims {@code width} x {@code height}. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        for (int i = 2; i + 9 < b.length; ) {
            int marker = b[i + 1] & 0xFF;
            if (marker >= 0xC0 && marker <= 0xC2) {
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
            i += 2 + (((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF));
        }
        throw new IllegalStateException("no frame header");
    }

    private static byte[] pngHuge(byte[] png) {
        byte[] b = png.clone();
        byte[] size = {0, 0, (byte) 0xEA, 0x60}; // 60000
        System.arraycopy(size, 0, b, 16, 4);
        System.arraycopy(size, 0, b, 20, 4);
        return b;
    }

    private static byte[] jpeg(String person, int n) throws IOException {
        return Files.readAllBytes(GatewayFixture.lfwPhotos(person).get(n));
    }

    private static long integrityAndCount(Database db, String table) {
        assertEquals("ok", db.withConnection(c -> Sql.first(c, "PRAGMA integrity_check", row -> row.getString(1))).orElseThrow());
        return db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM " + table));
    }

    @Test
    void eachBrokenOrCraftedPhotoIsRejectedWithItsReasonAndTheGoodOnesStillCount() throws Exception {
        String person = GatewayFixture.lfwIdentities(5, 1000).get(0);
        byte[] good = jpeg(person, 0);
        gateway.enroll("ana", GatewayFixture.lfwPhotos(person).get(0));
        Path ana = gateway.faces.resolve("ana");
        Files.write(ana.resolve("truncated.jpg"), Arrays.copyOf(good, good.length / 3));
        Files.write(ana.resolve("empty.jpg"), new byte[0]);
        Files.writeString(ana.resolve("notes.jpg"), "these are not the pixels you are looking for");
        Files.write(ana.resolve("huge.jpg"), withJpegSize(good, 65000, 65000));
        Files.write(ana.resolve("huge.png"), pngHuge(Files.readAllBytes(BBT.resolve("amy/amy1.png"))));
        Files.createDirectories(gateway.faces.resolve("..x"));
        Files.createDirectories(gateway.faces.resolve("a b"));

        assertEquals(0, presenca("enroll"));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("ana/" + GatewayFixture.lfwPhotos(person).get(0).getFileName() + "  accepted"), report);
        assertTrue(report.contains("ana/empty.jpg  rejected: unreadable file: the file is empty"), report);
        assertTrue(report.contains("ana/notes.jpg  rejected: unreadable file: not a readable image"), report);
        assertTrue(report.contains("ana/truncated.jpg  rejected"), report);
        assertTrue(report.contains("ana/huge.jpg  rejected: unreadable file: declares 65000x65000 pixels, too large"), report);
        assertTrue(report.contains("ana/huge.png  rejected: unreadable file: declares 60000x60000 pixels, too large"), report);
        assertTrue(report.contains("folder '..x' skipped: not a valid student id, it must start with a letter or a digit"),
                report);
        assertTrue(report.contains("folder 'a b' skipped: not a valid student id"), report);
        assertEquals(1, integrityAndCount(Database.open(gateway.sqlite), "face_templates"));
    }

    /** {@code count} deterministic mutations of {@code sources}: cut, bit flips, overwritten runs, crafted sizes. */
    private static List<byte[]> mutations(List<byte[]> sources, int count) {
        Random random = new Random(SEED);
        List<byte[]> mutated = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] source = sources.get(i % sources.size());
            byte[] b = source.clone();
            switch (i % 6) {
                case 0 -> b = Arrays.copyOf(b, random.nextInt(b.length));
                case 1 -> {
                    for (int k = 0, n = 1 + random.nextInt(20); k < n; k++) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 2 -> {
                    int at = random.nextInt(b.length), n = Math.min(b.length - at, 1 + random.nextInt(512));
                    byte[] noise = new byte[n];
                    random.nextBytes(noise);
                    System.arraycopy(noise, 0, b, at, n);
                }
                case 3 -> b = withJpegSize(b, 1 + random.nextInt(65535), 1 + random.nextInt(65535));
                case 4 -> {
                    // the header region mangled: markers and tables
                    for (int k = 0; k < 8; k++) {
                        b[2 + random.nextInt(Math.min(600, b.length - 2))] = (byte) random.nextInt(256);
                    }
                }
                default -> b = random.nextInt(10) == 0 ? new byte[0] : Arrays.copyOfRange(b, random.nextInt(64), b.length);
            }
            mutated.add(b);
        }
        return mutated;
    }

    @Test
    void hundredsOfMutatedImagesThroughEnrollmentAndTheCameraLeaveTheGatewayUpAndTheDatabaseWhole() throws Exception {
        List<String> people = GatewayFixture.lfwIdentities(5, 1000).subList(0, 5);
        // enrollment mutates two people's photos, the camera two others' (strangers), so that a mildly
        // mutated photo that still shows a face cannot make a legitimate match
        List<byte[]> fuzz = new ArrayList<>(mutations(List.of(jpeg(people.get(1), 0), jpeg(people.get(2), 0)), 150));
        fuzz.addAll(mutations(List.of(jpeg(people.get(3), 0), jpeg(people.get(4), 0)), 150));

        // enrollment: 150 mutated photos over 30 students, beside one real student
        String student = people.get(0);
        gateway.enrollAndShowNextThree(student);
        for (int i = 0; i < 150; i++) {
            Path folder = Files.createDirectories(gateway.faces.resolve("fuzz-" + (i % 30)));
            Files.write(folder.resolve(String.format("m%03d.jpg", i)), fuzz.get(i));
            gateway.writeConsent("fuzz-" + (i % 30));
        }
        EnrollmentReport report;
        try (Gateway presenca = new Gateway(gateway.settings())) {
            report = presenca.enrollment().run();
        }
        assertEquals(152, report.photos().size(), "a line for every photo, mutated or not");
        Database db = Database.open(gateway.sqlite);
        assertEquals(report.accepted(), integrityAndCount(db, "face_templates"), "one template per accepted photo");
        assertTrue(report.rejected() >= 100, "most mutations are refused: " + report.summary());

        // the camera: 150 other mutated frames before the student's three real photos
        List<Path> real = new ArrayList<>();
        try (var listed = Files.list(gateway.camera)) {
            real.addAll(listed.sorted().toList());
        }
        for (Path photo : real) {
            Files.move(photo, photo.resolveSibling("z" + photo.getFileName()));
        }
        for (int i = 150; i < 300; i++) {
            Files.write(gateway.camera.resolve(String.format("f%03d.jpg", i)), fuzz.get(i));
        }
        assertEquals(0, gateway.runToEnd(), "the gateway survives and ends normally");
        assertEquals(java.util.Map.of(student, 1L), gateway.recordsPerStudent(), "the real student is still recorded");
        assertEquals(1, integrityAndCount(Database.open(gateway.sqlite), "attendance_records"));
    }
}
