package io.presenca.rekognition;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.config.Settings;
import io.presenca.rekognition.FakeRekognition.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/** SearchFacesByImage through the real SDK against the loopback fake: what is sent, and how answers are read. */
class FaceSearchTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};

    private final FakeRekognition fake = new FakeRekognition();
    private final Settings settings = RekognitionTestSettings.pointingAt(fake, "FACE_RECOGNITION_THRESHOLD", "97.5");
    private final RekognitionClient client = RekognitionClients.create(settings);
    private final RekognitionLink link = new RekognitionLink("school-test", Duration.ofSeconds(30), Clock.systemUTC());
    private final FaceSearch search = new FaceSearch(new FaceCollection(client, "school-test", new CallRate(50), Duration.ofSeconds(5)), link,
            settings.faceRecognitionThreshold);

    @AfterEach
    void close() {
        client.close();
        fake.close();
    }

    @Test
    void sendsTheCropToTheCollectionWithTheConfiguredThreshold() {
        fake.searchFinds("2024-0117", 99.2);

        FaceSearch.Answer answer = search.search(JPEG, Duration.ZERO);

        assertEquals(new FaceSearch.Match("2024-0117", 99.2, null, 0), answer);
        FakeRekognition.Request sent = fake.requests().get(0);
        assertEquals("RekognitionService.SearchFacesByImage", sent.header("X-Amz-Target"));
        assertEquals("application/x-amz-json-1.1", sent.header("Content-Type"));
        assertTrue(sent.header("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=" + RekognitionTestSettings.ACCESS_KEY
                + "/"), sent.header("Authorization"));
        assertTrue(sent.header("Authorization").contains("/eu-west-1/rekognition/aws4_request"), "signed for AWS_REGION");
        assertEquals("school-test", sent.body().path("CollectionId").asText());
        assertEquals(97.5, sent.body().path("FaceMatchThreshold").asDouble(), 1e-6);
        assertTrue(Arrays.equals(JPEG, sent.imageBytes()), "the crop's bytes, unchanged");
        assertEquals(1, fake.requests().size(), "no retries, no other calls");
    }

    @Test
    void theBestStudentWinsAndTheBestOtherStudentIsTheRunnerUp() {
        Map<String, Double> faces = new LinkedHashMap<>();
        faces.put("ana", 98.0);
        faces.put("bia", 99.1);
        fake.when("SearchFacesByImage", r -> Reply.ok(FakeRekognition.searchAnswer(faces)
                .replace("\"FaceMatches\":[", "\"FaceMatches\":[{\"Similarity\":97.9,\"Face\":{\"FaceId\":\"f0\","
                        + "\"ExternalImageId\":\"bia\"}},")));

        assertEquals(new FaceSearch.Match("bia", 99.1, "ana", 98.0), search.search(JPEG, Duration.ZERO),
                "two photos of bia count once; ana is the runner-up");
    }

    @Test
    void nobodySimilarEnoughIsAnAnsweredNoMatch() {
        fake.when("SearchFacesByImage", r -> Reply.ok("{\"FaceMatches\":[],\"FaceModelVersion\":\"7.0\"}"));

        assertEquals(new FaceSearch.NoMatch(false), search.search(JPEG, Duration.ZERO));
        assertEquals(1, link.answered());
    }

    @Test
    void noFaceInTheCropIsANoMatchNotAFailure() {
        fake.when("SearchFacesByImage", r -> Reply.error(400, "InvalidParameterException",
                "There are no faces in the image. Should be at least 1."));

        for (int i = 0; i < 5; i++) {
            assertEquals(new FaceSearch.NoMatch(true), search.search(JPEG, Duration.ZERO));
        }
        assertEquals(CircuitBreaker.State.CLOSED, link.breaker().getState(), "Rekognition answered every time");
        assertEquals(5, link.failures(RekognitionFailure.Kind.NO_FACE));
    }

    @Test
    void aFailureIsUnansweredSoTheFaceFallsBack() {
        fake.when("SearchFacesByImage", r -> Reply.error(500, "InternalServerError", "Internal server error"));

        FaceSearch.Answer answer = search.search(JPEG, Duration.ZERO);

        assertInstanceOf(FaceSearch.Unanswered.class, answer);
        assertTrue(((FaceSearch.Unanswered) answer).reason().startsWith("unavailable: InternalServerError"), answer.toString());
    }
}
