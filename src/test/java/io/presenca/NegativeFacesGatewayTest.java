package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.matching.Gallery;
import io.presenca.matching.RecognitionThreshold;
import io.presenca.store.AttendanceRow;
import io.presenca.store.Database;
import io.presenca.store.NegativeFaceStore;
import io.presenca.store.ReviewItem;
import io.presenca.store.ReviewStore;
import io.presenca.vision.PhotoFace;
import io.presenca.vision.PhotoFaceReader;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Corrections teach the gateway, end to end through the real routes, models and LFW-dev photos. The
 * look-alike: of a few never-enrolled people, the one whose photos come closest to the enrolled student
 * A, with a recognition threshold just loose enough to take them for A (a sibling, as the real
 * descriptor would; the threshold is derived from the measured similarity, not assumed).
 */
class NegativeFacesGatewayTest {

    private static String studentA;
    private static List<Path> photosOfA;
    private static List<Path> lookAlikePhotos;
    /** The lowest and highest similarity (percent) of the look-alike's photos to A's two templates. */
    private static double lowestSimilarity;
    private static double highestSimilarity;

    @BeforeAll
    static void pickALookAlike() {
        List<String> people = GatewayFixture.lfwIdentities(5, 1000);
        studentA = people.get(0);
        photosOfA = GatewayFixture.lfwPhotos(studentA);
        try (Gateway gateway = new Gateway(new GatewayFixture().settings())) {
            PhotoFaceReader reader = gateway.photoFaceReader();
            Gallery galleryOfA = new Gallery(gateway.settings().descriptors);
            galleryOfA.replace(List.of(new Gallery.StudentTemplates(studentA,
                    List.of(describe(reader, photosOfA.get(0)), describe(reader, photosOfA.get(1))))));
            String closest = people.subList(1, 12).stream()
                    .max(Comparator.comparingDouble(person -> similarities(reader, galleryOfA, person)[0])).orElseThrow();
            lookAlikePhotos = GatewayFixture.lfwPhotos(closest).subList(0, 3);
            double[] range = similarities(reader, galleryOfA, closest);
            lowestSimilarity = range[0];
            highestSimilarity = range[1];
        }
    }

    /** A wrong automatic record, voided: the same face later goes to review and is not recorded; A still is. */
    @Test
    void aVoidedRecordsFaceIsHeldForReviewNextTimeAndTheRealStudentIsStillRecorded() throws Exception {
        GatewayFixture gateway = new GatewayFixture();
        gateway.enroll(studentA, photosOfA.get(0), photosOfA.get(1));
        acceptTheLookAlike(gateway);
        gateway.showToCamera(lookAlikePhotos);
        assertEquals(0, gateway.runToEnd());
        List<AttendanceRow> wrong = gateway.records();
        assertEquals(1, wrong.size(), "the look-alike is taken for A once: " + wrong);

        try (Gateway running = new Gateway(gateway.settings())) {
            running.lessonCorrections().voidRecord(wrong.get(0).recordId(), "her sister, not A", "admin");
        }
        // still inside the duplicate window of the voided record: it must not hide anyone
        assertEquals(0, gateway.runToEnd());

        assertEquals(1, gateway.records().size(), "recorded again after the void: " + gateway.records());
        List<ReviewItem> reviews = gateway.openReviews();
        assertEquals(1, reviews.size(), reviews.toString());
        assertEquals(studentA, reviews.get(0).studentId());
        assertEquals("not_this_student", reviews.get(0).reason());

        gateway.clearCamera();
        gateway.showToCamera(photosOfA.subList(2, 5));
        assertEquals(0, gateway.runToEnd());
        assertEquals(Map.of(studentA, 2L), gateway.recordsPerStudent(),
                "A's own face is not held back by the negative, nor by the voided record's duplicate window");
    }

    /** A review item rejected on the dashboard: the face it showed is never accepted for that student. */
    @Test
    void aRejectedReviewItemsFaceIsHeldForReviewEvenWhereItWouldNowBeAccepted() throws Exception {
        GatewayFixture gateway = new GatewayFixture();
        gateway.enroll(studentA, photosOfA.get(0), photosOfA.get(1));
        // strict enough that the look-alike is only just short of A: held for review, not recorded
        double threshold = Math.ceil(highestSimilarity) + 1;
        gateway.settings.put("FACE_RECOGNITION_THRESHOLD", Double.toString(threshold));
        gateway.settings.put("REVIEW_BAND", Double.toString(Math.min(20, threshold - Math.floor(lowestSimilarity) + 2)));
        // five frames fill the consensus window, so the review is decided before the folder ends
        gateway.showToCamera(List.of(lookAlikePhotos.get(0), lookAlikePhotos.get(1), lookAlikePhotos.get(2),
                lookAlikePhotos.get(0), lookAlikePhotos.get(1)));
        assertEquals(0, gateway.runToEnd());
        List<ReviewItem> held = gateway.openReviews();
        assertEquals(1, held.size(), held.toString());
        assertEquals("near_threshold", held.get(0).reason());
        new ReviewStore(Database.open(gateway.sqlite)).reject(held.get(0).id(), "secretary");
        assertEquals(1, new NegativeFaceStore(Database.open(gateway.sqlite)).count(studentA));

        acceptTheLookAlike(gateway); // a looser setting would now accept the face...
        gateway.settings.put("MINUTES_BEFORE_NEXT_CAPTURE", "0");
        gateway.clearCamera();
        gateway.showToCamera(lookAlikePhotos);
        assertEquals(0, gateway.runToEnd());

        assertTrue(gateway.records().isEmpty(), "...but it was rejected once: " + gateway.records());
        List<ReviewItem> reviews = gateway.openReviews();
        assertEquals(1, reviews.size(), reviews.toString());
        assertEquals("not_this_student", reviews.get(0).reason());
    }

    /** A threshold a little below the look-alike's lowest similarity to A: they would pass for A. */
    private static void acceptTheLookAlike(GatewayFixture gateway) {
        gateway.settings.put("FACE_RECOGNITION_THRESHOLD", Double.toString(Math.floor(lowestSimilarity) - 2));
        gateway.settings.put("REVIEW_BAND", "0");
        gateway.settings.put("MATCH_MARGIN", "0");
    }

    private static float[] describe(PhotoFaceReader reader, Path photo) {
        PhotoFace face = reader.read(photo);
        if (!face.accepted()) {
            throw new IllegalStateException(photo + ": " + face.detail());
        }
        return face.descriptor();
    }

    /** Lowest and highest similarity of the person's first three photos to A. */
    private static double[] similarities(PhotoFaceReader reader, Gallery galleryOfA, String person) {
        double lowest = 100, highest = 0;
        for (Path photo : GatewayFixture.lfwPhotos(person).subList(0, 3)) {
            PhotoFace face = reader.read(photo);
            double similarity = face.accepted()
                    ? RecognitionThreshold.similarity(galleryOfA.nearest(face.descriptor()).orElseThrow().distance()) : 0;
            lowest = Math.min(lowest, similarity);
            highest = Math.max(highest, similarity);
        }
        return new double[] {lowest, highest};
    }
}
