package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnrollmentPhotoStoreTest {
    private final Database db = Database.open(TestFiles.freshDatabaseFile());
    private final EnrollmentPhotoStore photos = new EnrollmentPhotoStore(db);

    @Test
    void savedPhotosReadBackAndSaveReplaces() {
        new StudentStore(db).upsert("s1", "Ana", "5A");
        Instant modified = Instant.parse("2026-11-20T10:00:00.000Z");
        Instant processed = Instant.parse("2026-11-24T08:01:02.123Z");
        EnrollmentPhoto rejected = new EnrollmentPhoto("s1/a.jpg", "s1", "sha-1", 1234, modified,
                EnrollmentPhoto.Status.REJECTED, "no face found", processed);
        EnrollmentPhoto accepted = new EnrollmentPhoto("s1/a.jpg", "s1", "sha-2", 2345, modified.plusSeconds(60),
                EnrollmentPhoto.Status.ACCEPTED, null, processed.plusSeconds(60));

        photos.save(rejected);
        assertEquals(Optional.of(rejected), photos.find("s1/a.jpg"));

        photos.save(accepted);
        assertEquals(List.of(accepted), photos.all());

        assertTrue(photos.remove("s1/a.jpg"));
        assertEquals(List.of(), photos.all());
    }
}
