package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.cli.Presenca;
import io.presenca.rekognition.FakeRekognition;
import io.presenca.rekognition.FakeRekognition.Reply;
import io.presenca.rekognition.RekognitionLink;
import io.presenca.store.AttendanceRow;
import io.presenca.store.Database;
import io.presenca.store.RecheckStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway end to end with MATCHER=rekognition or hybrid: real routes, models and SQLite, with
 * Rekognition played by the loopback fake. One LFW-dev student, enrolled with 2 photos, walks past
 * the camera with 3 more.
 */
class RekognitionGatewayTest {

    private final FakeRekognition fake = new FakeRekognition();
    private final GatewayFixture gateway = new GatewayFixture();
    private final String student = GatewayFixture.lfwIdentities(5, 1000).get(0);

    @AfterEach
    void close() {
        fake.close();
        for (String name : List.of("FACES_DIR", "SQLITE_PATH", "CAMERA_SOURCE", "DEVICE_ID", "MATCHER", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "REKOGNITION_ENDPOINT", "REKOGNITION_COLLECTION_ID", "REKOGNITION_TIMEOUT_MS")) {
            System.clearProperty(name);
        }
    }

    private void useRekognition(String matcher) {
        gateway.settings.put("MATCHER", matcher);
        gateway.settings.put("AWS_ACCESS_KEY_ID", "AKIDPRESENCATEST");
        gateway.settings.put("AWS_SECRET_ACCESS_KEY", "test-secret");
        gateway.settings.put("REKOGNITION_ENDPOINT", fake.endpoint().toString());
        gateway.settings.put("REKOGNITION_COLLECTION_ID", "school-test");
        gateway.settings.put("REKOGNITION_TIMEOUT_MS", "2000");
    }

    private List<FakeRekognition.Request> searches() {
        return fake.requests("SearchFacesByImage");
    }

    @Test
    void rekognitionMatchesAreRecordedOnceWithItsSimilarity() throws Exception {
        useRekognition("rekognition");
        fake.searchFinds(student, 99.2);
        gateway.enrollAndShowNextThree(student);

        assertEquals(0, gateway.runToEnd());

        List<AttendanceRow> records = gateway.records();
        assertEquals(1, records.size(), "once, whatever the number of frames: " + records);
        assertEquals(student, records.get(0).studentId());
        assertEquals("rekognition", records.get(0).matcher());
        assertEquals(99.2, records.get(0).confidence(), 1e-6, "Rekognition's similarity is the record's confidence");
        assertTrue(searches().size() >= 2, "consensus needed two frames");
        for (FakeRekognition.Request search : searches()) {
            assertEquals("school-test", search.body().path("CollectionId").asText());
            assertEquals(gateway.settings().faceRecognitionThreshold - gateway.settings().reviewBand,
                    search.body().path("FaceMatchThreshold").asDouble(), 1e-6, "the bottom of the review band");
            var crop = ImageIO.read(new ByteArrayInputStream(search.imageBytes()));
            assertTrue(crop != null && Math.min(crop.getWidth(), crop.getHeight()) >= 159, "a JPEG crop of the face");
        }
        assertEquals(0, gateway.lastRun.localFallbacks());
    }

    @Test
    void throttlingAndServerErrorsFallBackPerFaceAndNothingIsLost() throws Exception {
        useRekognition("rekognition");
        gateway.settings.put("REKOGNITION_REVERIFY", "true");
        AtomicInteger call = new AtomicInteger();
        fake.when("SearchFacesByImage", r -> switch (call.getAndIncrement() % 3) {
            case 0 -> Reply.error(400, "ThrottlingException", "Rate exceeded");
            case 1 -> Reply.error(500, "InternalServerError", "Internal server error");
            default -> Reply.ok(FakeRekognition.searchAnswer(Map.of(student, 98.0)));
        });
        gateway.enrollAndShowNextThree(student);

        assertEquals(0, gateway.runToEnd());

        assertEquals(Map.of(student, 1L), gateway.recordsPerStudent());
        assertEquals(2, gateway.lastRun.localFallbacks(), "the throttled and the failed face were matched locally");
        String matcher = gateway.records().get(0).matcher();
        assertEquals("local-fallback", matcher, "recorded after the two fallback frames agreed");
        RecheckStore checks = new RecheckStore(Database.open(gateway.sqlite));
        assertEquals(1, checks.pending(10).size(), "the offline record waits for a Rekognition check, with its crop");
        assertTrue(checks.pending(10).get(0).crop().length > 1000);
    }

    @Test
    void badCredentialsAreSaidOnceAndTheGatewayMatchesLocally() throws Exception {
        useRekognition("rekognition");
        fake.when("SearchFacesByImage", r -> Reply.error(400, "UnrecognizedClientException",
                "The security token included in the request is invalid."));
        fake.when("DescribeCollection", r -> Reply.error(400, "UnrecognizedClientException",
                "The security token included in the request is invalid."));
        gateway.enrollAndShowNextThree(student);

        try (LogCapture log = new LogCapture(RekognitionLink.class)) {
            assertEquals(0, gateway.runToEnd());
            assertEquals(1, log.messages(Level.ERROR).size(), log.messages(Level.ERROR).toString());
        }

        assertEquals(Map.of(student, 1L), gateway.recordsPerStudent());
        assertEquals("local-fallback", gateway.records().get(0).matcher());
        assertTrue(fake.requests().size() <= 2, "one refused call, maybe the collection check, then none: " + fake.requests());
    }

    /** The student's photos lie at similarity 98 from their templates, far from anyone else: nothing to confirm. */
    @Test
    void hybridLeavesTheFacesItIsSureOfToTheLocalMatcher() throws Exception {
        useRekognition("hybrid");
        fake.searchFinds("someone-else", 99.9);
        gateway.enrollAndShowNextThree(student);

        assertEquals(0, gateway.runToEnd());

        assertEquals(Map.of(student, 1L), gateway.recordsPerStudent());
        assertEquals("local", gateway.records().get(0).matcher());
        assertTrue(searches().isEmpty(), "no face was unsure, so none was sent: " + searches().size());
    }

    @Test
    void theLocalMatcherNeverCallsRekognition() throws Exception {
        useRekognition("local");
        gateway.enrollAndShowNextThree(student);

        assertEquals(0, gateway.runToEnd());

        assertEquals("local", gateway.records().get(0).matcher());
        assertTrue(fake.requests().isEmpty(), "no AWS call with MATCHER=local: " + fake.requests());
    }

    @Test
    void reindexBuildsTheCollectionFromTheEnrollmentPhotos() {
        useRekognition("local");
        List<Path> photos = GatewayFixture.lfwPhotos(student);
        gateway.enroll(student, photos.get(0), photos.get(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

        gateway.settings.forEach(System::setProperty);
        int code = Presenca.run(new String[] {"reindex"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("  " + student + "/" + photos.get(0).getFileName() + "  indexed"), printed);
        assertTrue(printed.contains("Collection school-test: 2 photos indexed, 0 refused"), printed);
        assertEquals(List.of(student, student), List.copyOf(fake.faces("school-test").values()));

        fake.offline(true);
        out.reset();
        assertEquals(1, Presenca.run(new String[] {"reindex"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Rekognition did not answer"), err.toString(StandardCharsets.UTF_8));
    }
}
