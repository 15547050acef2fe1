package io.presenca.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.rekognition.FakeRekognition.Reply;
import io.presenca.rekognition.FakeRekognition.Request;
import io.presenca.ManualClock;
import io.presenca.store.Database;
import io.presenca.store.IndexedFace;
import io.presenca.store.RekognitionFaceStore;
import io.presenca.store.StudentStore;
import io.presenca.store.TemplateStore;
import io.presenca.vision.DescriptorModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * The collection following enrollment, against the loopback fake (which keeps faces like the service):
 * templates as enrollment stores them, real photos from ../shared, a real SQLite file.
 */
class CollectionSyncTest {

    private static final Path AGEITGEY = Path.of("../shared/datasets/ageitgey_fr");
    private static final String COLLECTION = "school-test";

    private final FakeRekognition fake = new FakeRekognition();
    private final RekognitionClient client = RekognitionClients.create(RekognitionTestSettings.pointingAt(fake));
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final RekognitionLink link = new RekognitionLink(COLLECTION, Duration.ofSeconds(30), clock);
    private Path faces;
    private Database db;
    private CollectionSync sync;

    @BeforeEach
    void enrollThreePhotosOfTwoStudents() throws Exception {
        Path root = Path.of("target", "test-data", UUID.randomUUID().toString());
        faces = Files.createDirectories(root.resolve("faces"));
        db = Database.open(root.resolve("attendance.db"));
        enroll("obama", "obama/obama.jpg", "obama/obama2.jpg");
        enroll("biden", "biden/biden.jpg");
        sync = new CollectionSync(new FaceCollection(client, COLLECTION, new CallRate(1000), Duration.ofSeconds(5)), link,
                new RekognitionFaceStore(db), faces, DescriptorModel.DLIB.storedName(), "HIGH");
    }

    @AfterEach
    void close() {
        client.close();
        fake.close();
    }

    /** What enrollment stores for accepted photos: the student, one template per photo (descriptors do not matter here). */
    private void enroll(String studentId, String... photos) throws Exception {
        new StudentStore(db).upsert(studentId, null, null);
        for (String photo : photos) {
            Path target = faces.resolve(studentId).resolve(Path.of(photo).getFileName());
            Files.createDirectories(target.getParent());
            Files.copy(AGEITGEY.resolve(photo), target);
            new TemplateStore(db).add(studentId, DescriptorModel.DLIB.storedName(), new float[128],
                    studentId + "/" + target.getFileName(), UUID.randomUUID().toString(), 1.0);
        }
    }

    private List<IndexedFace> stored() {
        return new RekognitionFaceStore(db).all(COLLECTION);
    }

    private Map<String, String> storedFaceIds() {
        return stored().stream().collect(Collectors.toMap(IndexedFace::faceId, IndexedFace::studentId));
    }

    @Test
    void aFreshDatabaseOnTheSameCollectionAdoptsItsFacesAndDeletesTheUnknownOnes() throws Exception {
        sync.sync();
        FaceCollection collection = new FaceCollection(client, COLLECTION, new CallRate(1000), Duration.ofSeconds(5));
        collection.index("someone-gone", Files.readAllBytes(AGEITGEY.resolve("biden/biden.jpg")), "NONE");
        assertEquals(4, fake.faces(COLLECTION).size());

        // the SQLite file is lost: a new one, the same photos enrolled again, the same DEVICE_ID and collection
        Path root = Path.of("target", "test-data", UUID.randomUUID().toString());
        faces = Files.createDirectories(root.resolve("faces"));
        db = Database.open(root.resolve("attendance.db"));
        enroll("obama", "obama/obama.jpg", "obama/obama2.jpg");
        enroll("biden", "biden/biden.jpg");
        fake.forgetRequests();
        CollectionSync.Report report = new CollectionSync(collection, link, new RekognitionFaceStore(db), faces,
                DescriptorModel.DLIB.storedName(), "HIGH").sync();

        assertEquals(new CollectionSync.Report(0, 0, 1, 0, true), report);
        assertEquals(3, fake.faces(COLLECTION).size(), "exactly one face per photo: " + fake.faces(COLLECTION));
        assertEquals(fake.faces(COLLECTION), storedFaceIds(), "each photo's face is known here, with its student");
        assertEquals(List.of(), fake.requests("IndexFaces"), "adopted, not indexed a second time");
        assertEquals(1, fake.requests("ListFaces").size());
    }

    @Test
    void theFirstSyncCreatesTheCollectionAndIndexesEveryPhotoOnce() throws Exception {
        CollectionSync.Report report = sync.sync();

        assertEquals(new CollectionSync.Report(3, 0, 0, 0, true), report);
        assertEquals(List.of("DescribeCollection", "CreateCollection", "IndexFaces", "IndexFaces", "IndexFaces"),
                fake.requests().stream().map(Request::operation).toList());
        for (Request index : fake.requests("IndexFaces")) {
            assertEquals("RekognitionService.IndexFaces", index.header("X-Amz-Target"));
            assertEquals(COLLECTION, index.body().path("CollectionId").asText());
            assertEquals(1, index.body().path("MaxFaces").asInt());
            assertEquals("HIGH", index.body().path("QualityFilter").asText(), "REKOGNITION_QUALITY_FILTER");
            assertTrue(Set.of("obama", "biden").contains(index.body().path("ExternalImageId").asText()));
            byte[] image = index.imageBytes();
            assertEquals((byte) 0xD8, image[1], "a JPEG");
            assertTrue(ImageIO.read(new java.io.ByteArrayInputStream(image)).getWidth() > 100, "the whole photo");
        }
        assertEquals(fake.faces(COLLECTION), storedFaceIds(), "each template's FaceId is stored, with its student");
        assertEquals(Map.of("obama", 2L, "biden", 1L), stored().stream()
                .collect(Collectors.groupingBy(IndexedFace::studentId, Collectors.counting())));

        fake.forgetRequests();
        assertEquals(new CollectionSync.Report(0, 0, 0, 0, true), sync.sync());
        assertTrue(fake.requests().isEmpty(), "nothing changed, nothing sent: " + fake.requests());
    }

    @Test
    void aRemovedPhotoAndADeletedStudentLoseTheirFaces() {
        sync.sync();
        String obama2 = stored().stream().filter(f -> f.photoPath().equals("obama/obama2.jpg")).findFirst().orElseThrow().faceId();
        String biden = stored().stream().filter(f -> f.studentId().equals("biden")).findFirst().orElseThrow().faceId();
        fake.forgetRequests();

        new TemplateStore(db).removeForPhoto("obama/obama2.jpg");
        new StudentStore(db).softDelete("biden");
        CollectionSync.Report report = sync.sync();

        assertEquals(2, report.deleted());
        List<Request> deletes = fake.requests("DeleteFaces");
        assertEquals(1, deletes.size(), "one call for both");
        assertEquals(Set.of(obama2, biden), Set.of(deletes.get(0).body().path("FaceIds").get(0).asText(),
                deletes.get(0).body().path("FaceIds").get(1).asText()));
        assertEquals(Set.of("obama"), Set.copyOf(fake.faces(COLLECTION).values()));
        assertEquals(List.of("obama/obama.jpg"), stored().stream().map(IndexedFace::photoPath).toList());
    }

    @Test
    void photosEnrolledWhileOfflineAreIndexedOnceRekognitionAnswers() {
        fake.offline(true);
        for (int i = 0; i < 3; i++) {
            CollectionSync.Report offline = sync.sync();
            assertFalse(offline.complete());
            assertEquals(3, offline.pending());
        }
        assertTrue(stored().isEmpty());
        assertEquals(3, fake.requests().size(), "each sync stops at its first unanswered call");

        fake.offline(false);
        assertFalse(sync.sync().complete(), "three failures opened the breaker: no call yet");
        assertEquals(3, fake.requests().size());
        clock.now = clock.now.plusSeconds(31); // the breaker waits 30 s
        CollectionSync.Report online = sync.sync();

        assertEquals(new CollectionSync.Report(3, 0, 0, 0, true), online);
        assertEquals(3, fake.faces(COLLECTION).size());
    }

    @Test
    void aPhotoRekognitionIndexesNoFaceOfIsRememberedNotRetried() {
        fake.when("IndexFaces", r -> r.body().path("ExternalImageId").asText().equals("biden")
                ? Reply.ok("{\"FaceRecords\":[],\"UnindexedFaces\":[{\"Reasons\":[\"LOW_SHARPNESS\",\"LOW_BRIGHTNESS\"]}]}")
                : null);

        assertEquals(new CollectionSync.Report(2, 1, 0, 0, true), sync.sync());
        IndexedFace biden = stored().stream().filter(f -> f.studentId().equals("biden")).findFirst().orElseThrow();
        assertNull(biden.faceId());
        assertEquals("face not indexed by Rekognition: low sharpness, low brightness", biden.refusal());

        fake.forgetRequests();
        sync.sync();
        assertTrue(fake.requests("IndexFaces").isEmpty(), "not sent again until the photo changes");
    }

    @Test
    void aCollectionDeletedBehindTheGatewaysBackIsCreatedAndFilledAgain() {
        sync.sync();
        // someone deletes the collection in the AWS console; a search finds it missing
        new FakeDeleter(fake).deleteCollection();
        FaceSearch search = new FaceSearch(new FaceCollection(client, COLLECTION, new CallRate(1000), Duration.ofSeconds(5)), link, 93);
        assertTrue(search.search(new byte[] {(byte) 0xFF, (byte) 0xD8}, Duration.ZERO) instanceof FaceSearch.Unanswered);

        CollectionSync.Report report = sync.sync();

        assertEquals(3, report.indexed(), "every photo indexed again");
        assertEquals(3, fake.faces(COLLECTION).size());
        assertEquals(fake.faces(COLLECTION), storedFaceIds());
        assertTrue(link.looksReachable(), "searches may go again");
    }

    @Test
    void reindexRecreatesTheCollectionAndPrintsALinePerPhoto() {
        sync.sync();
        Set<String> before = fake.faces(COLLECTION).keySet();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CollectionSync.Report report = sync.reindex(new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(3, report.indexed());
        assertTrue(printed.contains("  obama/obama2.jpg  indexed"), printed);
        assertTrue(printed.contains("re-created on face model " + FakeRekognition.FACE_MODEL_VERSION + " (3 faces dropped)"), printed);
        assertEquals(3, fake.faces(COLLECTION).size());
        assertTrue(fake.faces(COLLECTION).keySet().stream().noneMatch(before::contains), "all faces are new");
        assertEquals(1, fake.requests("DeleteCollection").size());
    }

    @Test
    void badCredentialsStopTheSyncWithOneClearError() {
        fake.when("DescribeCollection", r -> Reply.error(400, "UnrecognizedClientException",
                "The security token included in the request is invalid."));
        try (LogCapture log = new LogCapture(RekognitionLink.class)) {
            for (int i = 0; i < 3; i++) {
                assertFalse(sync.sync().complete());
            }
            assertEquals(1, log.messages(Level.ERROR).size());
        }
        assertEquals(1, fake.requests().size(), "no retry storm with keys that will not work");
    }

    /** Deletes the collection as the AWS console would, without the gateway knowing. */
    private record FakeDeleter(FakeRekognition fake) {
        void deleteCollection() {
            try (RekognitionClient console = RekognitionClients.create(RekognitionTestSettings.pointingAt(fake))) {
                console.deleteCollection(r -> r.collectionId(COLLECTION));
            }
        }
    }

    @Test
    void eraseDeletesTheStudentsFacesFromTheCollectionAndWaitsForRekognitionWhenItIsOffline() {
        sync.sync();
        io.presenca.privacy.StudentEraser eraser = new io.presenca.privacy.StudentEraser(faces, db,
                new FaceCollection(client, COLLECTION, new CallRate(1000), Duration.ofSeconds(5)), null);

        fake.offline(true);
        io.presenca.privacy.ErasureReport offline = eraser.erase("obama", io.presenca.config.EraseAttendance.KEEP);
        assertFalse(offline.complete());
        assertEquals(2, stored().stream().filter(f -> f.studentId().equals("obama")).count(),
                "local rows kept, so a re-run knows there is something left at Rekognition");
        assertEquals(3, fake.faces(COLLECTION).size());

        fake.offline(false);
        io.presenca.privacy.ErasureReport report = eraser.erase("obama", io.presenca.config.EraseAttendance.KEEP);
        assertTrue(report.complete(), report.toString());
        assertEquals(Set.of("biden"), Set.copyOf(fake.faces(COLLECTION).values()));
        assertTrue(report.lines().contains(new io.presenca.privacy.ErasureReport.Line("Rekognition collection " + COLLECTION,
                "2 faces deleted (DeleteFaces)", true)), report.toString());
        assertEquals(1, fake.requests("DeleteFaces").size());
        // (the test templates are all zeros, like biden's, so only the Rekognition line is telling here)
        io.presenca.privacy.ErasureCheck check = new io.presenca.privacy.ErasureCheck(faces, db,
                new FaceCollection(client, COLLECTION, new CallRate(1000), Duration.ofSeconds(5)), null);
        assertTrue(check.verify("obama", io.presenca.config.EraseAttendance.KEEP).lines().contains(
                new io.presenca.privacy.ErasureReport.Line("Rekognition collection " + COLLECTION, "no face of the student", true)));
        assertTrue(check.verify("biden", io.presenca.config.EraseAttendance.KEEP).lines().contains(
                new io.presenca.privacy.ErasureReport.Line("Rekognition collection " + COLLECTION,
                        "1 faces of the student remain", false)));
    }
}
