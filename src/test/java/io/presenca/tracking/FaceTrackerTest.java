package io.presenca.tracking;

import static io.presenca.GatewayFixture.lfwIdentities;
import static io.presenca.GatewayFixture.lfwPhotos;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.Gateway;
import io.presenca.attendance.Consensus;
import io.presenca.attendance.Identification;
import io.presenca.camera.CapturedFrame;
import io.presenca.config.Settings;
import io.presenca.matching.FaceMatcher;
import io.presenca.matching.Gallery;
import io.presenca.matching.MatchedFrame;
import io.presenca.vision.FaceObservation;
import io.presenca.vision.FrameAnalysis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tracker on real images and models, through the capture route's own objects in the route's order:
 * find, screen, follow, describe, check continuity, match, consensus. The "videos" are composed here
 * from LFW-dev photos on a grey canvas, so no video file is needed.
 */
class FaceTrackerTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    /** The central 150 px of an LFW photo: the face with a little around it. */
    private static final int FACE_SIDE = 150;

    private static Gateway gateway;

    @BeforeAll
    static void loadModels() {
        gateway = new Gateway(Settings.load(name -> Optional.empty()));
    }

    @AfterAll
    static void closeModels() {
        gateway.close();
    }

    /** The capture route's steps for one frame, with a tracker and consensus of the test's own. */
    private static final class Pipeline {
        final FaceTracker tracker = new FaceTracker(gateway.settings().descriptors, 5, 5, 10);
        final Consensus consensus;
        final FaceMatcher matcher;
        final List<FaceObservation> followed = new ArrayList<>();
        final List<Identification> decided = new ArrayList<>();

        Pipeline(Gallery gallery) {
            matcher = new FaceMatcher(gallery, gateway.decisionRule());
            consensus = new Consensus(2, 5, Duration.ofSeconds(10), gateway.decisionRule(), tracker);
        }

        void run(Mat image, long sequence) {
            try (CapturedFrame frame = new CapturedFrame(image, sequence, START.plusMillis(40 * sequence), "test#" + sequence)) {
                FrameAnalysis analysis = gateway.qualityGate().screen(gateway.faceFinder().findFaces(frame));
                if (!analysis.hasAcceptedFaces()) {
                    return;
                }
                analysis.faces().stream().filter(FaceObservation::passedQualityGate).forEach(followed::add);
                FrameAnalysis toDescribe = tracker.checkContinuity(gateway.faceEmbedder().describe(tracker.follow(analysis)));
                MatchedFrame matched = matcher.match(toDescribe);
                decided.addAll(consensus.confirm(matched));
            }
        }
    }

    @Test
    void aFolderOfDifferentPeoplesPhotosStartsANewTrackPerPhotoEvenWhenEachTrackIsDecided() {
        List<String> people = lfwIdentities(1, 1000).subList(0, 12);
        Pipeline pipeline = new Pipeline(new Gallery(gateway.settings().descriptors));
        long sequence = 0;
        for (String person : people) {
            pipeline.run(read(lfwPhotos(person).get(0)), ++sequence);
            // as if consensus had decided on the face at once: the next photo must still be looked at
            pipeline.followed.stream().map(FaceObservation::trackId).forEach(pipeline.tracker::decided);
        }

        Set<Long> tracks = new HashSet<>();
        for (FaceObservation face : pipeline.followed) {
            assertNotNull(face.descriptor(), "a photo of someone new was not described");
            tracks.add(face.trackId());
        }
        assertTrue(pipeline.followed.size() >= 10, "faces found in only " + pipeline.followed.size() + " of 12 photos");
        assertEquals(pipeline.followed.size(), tracks.size(), "two people's photos shared a track");
    }

    @Test
    void aDecidedTrackIsDescribedOnlyEveryFewFramesWhileItsFaceStays() {
        String person = lfwIdentities(5, 1000).get(0);
        List<Path> photos = lfwPhotos(person);
        Gallery gallery = new Gallery(gateway.settings().descriptors);
        gallery.replace(List.of(new Gallery.StudentTemplates(person, List.of(describe(photos.get(0)), describe(photos.get(1))))));
        Pipeline pipeline = new Pipeline(gallery);
        Mat face = centre(read(photos.get(2)));
        int frames = 40;
        for (int i = 0; i < frames; i++) {
            pipeline.run(canvasWith(face, 200 + 2 * i, 100), i + 1); // walks slowly to the right
        }

        assertEquals(1, pipeline.decided.size(), "one decision for one face: " + pipeline.decided);
        assertTrue(pipeline.decided.get(0).accepted(), "the enrolled student is accepted: " + pipeline.decided);
        assertEquals(person, pipeline.decided.get(0).studentId());
        assertEquals(1, pipeline.tracker.tracksStarted(), "one face, one track");
        // described until decided (2 frames), then on every 5th frame (8 re-checks), and on the odd frame whose
        // chip the detector's jitter changed too much to trust without a look: at most 12, against 40 untracked
        long described = pipeline.tracker.facesDescribed();
        assertTrue(described <= 12, described + " of " + frames + " frames described");
        assertEquals(frames, described + pipeline.tracker.descriptionsSaved());
        assertEquals(frames, pipeline.followed.size(), "the face was found in every frame");
    }

    @Test
    void twoPeopleWhoCrossAreKeptApartAndEachIsRecognisedOnce() {
        List<String> people = lfwIdentities(5, 1000).subList(2, 4);
        String left = people.get(0), right = people.get(1);
        Gallery gallery = new Gallery(gateway.settings().descriptors);
        gallery.replace(List.of(
                new Gallery.StudentTemplates(left, List.of(describe(lfwPhotos(left).get(0)), describe(lfwPhotos(left).get(1)))),
                new Gallery.StudentTemplates(right, List.of(describe(lfwPhotos(right).get(0)), describe(lfwPhotos(right).get(1))))));
        Pipeline pipeline = new Pipeline(gallery);
        Mat leftFace = centre(read(lfwPhotos(left).get(2)));
        Mat rightFace = centre(read(lfwPhotos(right).get(2)));
        int frames = 50;
        Map<FaceObservation, String> truth = new HashMap<>();
        for (int i = 0; i < frames; i++) {
            int leftX = 20 + 9 * i, rightX = 470 - 9 * i; // they meet in the middle and walk on past each other
            Mat canvas = canvasWith(leftFace, leftX, 100);
            paste(rightFace, canvas, rightX, 100); // the one on the right passes in front
            int before = pipeline.followed.size();
            pipeline.run(canvas, i + 1);
            for (FaceObservation face : pipeline.followed.subList(before, pipeline.followed.size())) {
                double centre = face.face().x() + face.face().width() / 2;
                double toLeft = Math.abs(centre - (leftX + FACE_SIDE / 2.0)), toRight = Math.abs(centre - (rightX + FACE_SIDE / 2.0));
                truth.put(face, toLeft < toRight ? left : right);
            }
        }

        Map<Long, Set<String>> peoplePerTrack = new HashMap<>();
        truth.forEach((face, person) -> peoplePerTrack.computeIfAbsent(face.trackId(), t -> new HashSet<>()).add(person));
        peoplePerTrack.forEach((track, who) -> assertEquals(1, who.size(), "track " + track + " mixed " + who));
        assertTrue(peoplePerTrack.size() <= 8, "a track per face, not per frame: " + peoplePerTrack.size() + " tracks");
        Map<String, Long> accepted = new HashMap<>();
        for (Identification identification : pipeline.decided) {
            assertTrue(identification.accepted(), "unsure about one of them: " + identification);
            accepted.merge(identification.studentId(), 1L, Long::sum);
        }
        assertEquals(Set.of(left, right), accepted.keySet(), "both recognised: " + pipeline.decided);
        assertTrue(pipeline.tracker.descriptionsSaved() > 0, "nothing saved while both walked in view");
    }

    private static float[] describe(Path photo) {
        try (CapturedFrame frame = new CapturedFrame(read(photo), 0, START, photo.toString())) {
            FrameAnalysis analysis = gateway.faceEmbedder().describe(gateway.qualityGate().screen(gateway.faceFinder().findFaces(frame)));
            return analysis.describedFaces().get(0).descriptor();
        }
    }

    private static Mat canvasWith(Mat face, int x, int y) {
        Mat canvas = new Mat(360, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(128, 128, 128, 0));
        paste(face, canvas, x, y);
        return canvas;
    }

    private static void paste(Mat face, Mat canvas, int x, int y) {
        try (Rect where = new Rect(x, y, face.cols(), face.rows()); Mat region = new Mat(canvas, where)) {
            face.copyTo(region);
        }
    }

    private static Mat centre(Mat photo) {
        int from = (photo.cols() - FACE_SIDE) / 2;
        try (Rect middle = new Rect(from, (photo.rows() - FACE_SIDE) / 2, FACE_SIDE, FACE_SIDE); Mat view = new Mat(photo, middle)) {
            return view.clone();
        }
    }

    private static Mat read(Path photo) {
        Mat image = imread(photo.toString(), IMREAD_COLOR);
        if (image == null || image.empty()) {
            throw new IllegalStateException("Cannot read test image " + photo.toAbsolutePath());
        }
        return image;
    }
}
