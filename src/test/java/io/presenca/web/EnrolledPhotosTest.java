package io.presenca.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.Database;
import io.presenca.store.EnrollmentPhoto;
import io.presenca.store.EnrollmentPhotoStore;
import io.presenca.store.StudentStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Enrolled photos for the review queue, from a real SQLite file and LFW photos: small, and only from the student's own folder. */
class EnrolledPhotosTest {

    private static final Path LFW = Path.of("../shared/datasets/lfw-dev");

    private final Path home = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
    private final Path faces = home.resolve("faces");
    private final Database db;
    private final EnrollmentPhotoStore store;

    EnrolledPhotosTest() throws Exception {
        Files.createDirectories(faces);
        db = Database.open(home.resolve("attendance.db"));
        store = new EnrollmentPhotoStore(db);
    }

    private void enrolled(String studentId, String storedPath, Path photo, EnrollmentPhoto.Status status) throws Exception {
        Path target = faces.resolve(storedPath).normalize();
        Files.createDirectories(target.getParent());
        Files.copy(photo, target);
        new StudentStore(db).upsert(studentId, studentId.replace('_', ' '), "5A");
        store.save(new EnrollmentPhoto(storedPath, studentId, "sha-" + storedPath, Files.size(target), Instant.now(), status,
                null, Instant.now()));
    }

    private static Path lfw(String identity, int n) {
        return LFW.resolve(identity).resolve(String.format("%s_%04d.jpg", identity, n));
    }

    @Test
    void aSmallThumbnailOfTheFirstAcceptedPhoto() throws Exception {
        enrolled("Al_Sharpton", "Al_Sharpton/b.jpg", lfw("Al_Sharpton", 1), EnrollmentPhoto.Status.ACCEPTED);
        enrolled("Al_Sharpton", "Al_Sharpton/a.jpg", lfw("Al_Sharpton", 2), EnrollmentPhoto.Status.REJECTED);
        byte[] jpeg = new EnrolledPhotos(faces, store).thumbnail("Al_Sharpton").orElseThrow();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(EnrolledPhotos.SIDE, Math.max(image.getWidth(), image.getHeight()), "LFW's 250 px scaled down");
        assertTrue(jpeg.length < 20_000, jpeg.length + " bytes");
    }

    @Test
    void nothingForARejectedPhotoACraftedIdOrAPathOutsideTheStudentsFolder() throws Exception {
        enrolled("Albert_Costa", "Albert_Costa/a.jpg", lfw("Albert_Costa", 1), EnrollmentPhoto.Status.REJECTED);
        // a row naming another student's photo: never served as this student's
        enrolled("Amelia_Vega", "Adrien_Brody/a.jpg", lfw("Adrien_Brody", 1), EnrollmentPhoto.Status.ACCEPTED);
        EnrolledPhotos photos = new EnrolledPhotos(faces, store);
        assertTrue(photos.thumbnail("Albert_Costa").isEmpty());
        assertTrue(photos.thumbnail("Amelia_Vega").isEmpty());
        for (String crafted : new String[] {"..", "../faces", "a/../../etc", "/etc/passwd", "", ".hidden", "a..b"}) {
            assertFalse(EnrolledPhotos.validId(crafted), crafted);
            assertTrue(photos.thumbnail(crafted).isEmpty(), crafted);
        }
    }
}
