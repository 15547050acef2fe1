package io.presenca.rekognition;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.rekognition.FakeRekognition.Reply;
import io.presenca.rekognition.RekognitionFailure.Kind;
import io.presenca.rekognition.RekognitionLink.Outcome;
import io.presenca.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/** Every way a Rekognition call can fail, through the real SDK against the loopback fake, and what the link does. */
class RekognitionLinkTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};

    private final FakeRekognition fake = new FakeRekognition();
    private final RekognitionClient client = RekognitionClients.create(RekognitionTestSettings.pointingAt(fake));
    private final FaceCollection collection = new FaceCollection(client, "school-test", new CallRate(1000), Duration.ofSeconds(5));
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final RekognitionLink link = new RekognitionLink("school-test", Duration.ofSeconds(30), clock);

    @AfterEach
    void close() {
        client.close();
        fake.close();
    }

    private Outcome<Optional<FaceCollection.Found>> search() {
        return link.call("SearchFacesByImage", () -> collection.search(JPEG, 95, Duration.ZERO));
    }

    private static Kind failureKind(Outcome<?> outcome) {
        return assertInstanceOf(RekognitionLink.Failed.class, outcome).failure().kind();
    }

    @ParameterizedTest(name = "{1} {2} -> {0}")
    @CsvSource({
        "THROTTLED, 400, ThrottlingException, Rate exceeded",
        "THROTTLED, 400, ProvisionedThroughputExceededException, Provisioned rate exceeded",
        "UNAVAILABLE, 500, InternalServerError, Internal server error",
        "UNAVAILABLE, 503, ServiceUnavailableException, Service unavailable",
        "NO_FACE, 400, InvalidParameterException, There are no faces in the image. Should be at least 1.",
        "REFUSED, 400, InvalidImageFormatException, Request has invalid image format",
        "REFUSED, 400, InvalidParameterException, Requested image should either contain bytes or s3 object.",
        "BAD_CREDENTIALS, 400, UnrecognizedClientException, The security token included in the request is invalid.",
        "BAD_CREDENTIALS, 403, InvalidSignatureException, The request signature we calculated does not match",
        "BAD_CREDENTIALS, 400, AccessDeniedException, User is not authorized to perform: rekognition:SearchFacesByImage",
        "COLLECTION_MISSING, 400, ResourceNotFoundException, The collection id: school-test does not exist",
    })
    void eachServiceErrorIsClassified(Kind expected, int status, String type, String message) {
        fake.when("SearchFacesByImage", r -> Reply.error(status, type, message));

        Outcome<?> outcome = search();

        assertEquals(expected, failureKind(outcome));
        assertTrue(((RekognitionLink.Failed<?>) outcome).failure().message().contains(message));
    }

    @Test
    void aDroppedConnectionIsUnavailable() {
        fake.offline(true);
        assertEquals(Kind.UNAVAILABLE, failureKind(search()));
    }

    @Test
    void aPortNobodyListensOnIsUnavailable() {
        fake.close();
        assertEquals(Kind.UNAVAILABLE, failureKind(search()));
    }

    @Test
    void anAnswerThatIsNotRekognitionsIsUnavailableNotACrash() {
        fake.when("SearchFacesByImage", r -> new Reply(200, null, "<html>captive portal: please log in</html>"));
        assertEquals(Kind.UNAVAILABLE, failureKind(search()));
    }

    @Test
    void missingCredentialsAreBadCredentials() {
        SdkClientException e = SdkClientException.create("Unable to load credentials from any of the providers in the chain"
                + " AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), ...])");
        RekognitionFailure failure = RekognitionFailure.classify(e);
        assertEquals(Kind.BAD_CREDENTIALS, failure.kind());
        assertTrue(failure.message().contains("AWS_ACCESS_KEY_ID"), "says what to set, not the SDK's provider list: " + failure);
    }

    @Test
    void threeFailuresOpenTheBreakerAndNothingIsSentUntilItsTrial() {
        fake.when("SearchFacesByImage", r -> Reply.error(400, "ThrottlingException", "Rate exceeded"));
        for (int i = 0; i < 3; i++) {
            assertEquals(Kind.THROTTLED, failureKind(search()));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(new RekognitionLink.NotCalled<>(RekognitionLink.Skip.CIRCUIT_OPEN), search());
        }
        assertEquals(3, fake.requests().size(), "no request while the breaker is open");

        fake.searchFinds("ana", 99);
        clock.now = clock.now.plusSeconds(31); // the breaker waits 30 s
        assertInstanceOf(RekognitionLink.Answered.class, search(), "the trial call gets through");
        assertInstanceOf(RekognitionLink.Answered.class, search());
        assertEquals(CircuitBreaker.State.CLOSED, link.breaker().getState());
        assertEquals(5, fake.requests().size());
        assertEquals(10, link.skipped(RekognitionLink.Skip.CIRCUIT_OPEN));
    }

    @Test
    void aTrialThatEndsWithoutAnAnswerLeavesTheBreakerFreeForTheNextCaller() {
        fake.when("SearchFacesByImage", r -> Reply.error(503, "ServiceUnavailableException", "Service unavailable"));
        for (int i = 0; i < 3; i++) {
            search();
        }
        assertEquals(CircuitBreaker.State.OPEN, link.breaker().getState());
        clock.now = clock.now.plusSeconds(31);

        // the trial's caller cannot wait for its rate-limit turn
        CallRate spent = new CallRate(0.001);
        spent.call("test", Duration.ZERO, () -> null); // the one turn of the next 1000 s
        FaceCollection limited = new FaceCollection(client, "school-test", spent, Duration.ZERO);
        assertEquals(new RekognitionLink.NotCalled<>(RekognitionLink.Skip.OVER_BUDGET),
                link.call("SearchFacesByImage", () -> limited.search(JPEG, 95, Duration.ZERO)));
        // the next one fails with something that is not the SDK's (a bug on our side): it is thrown on
        assertThrows(IllegalStateException.class, () -> link.call("SearchFacesByImage", () -> {
            throw new IllegalStateException("a bug");
        }));
        assertEquals(CircuitBreaker.State.HALF_OPEN, link.breaker().getState());

        fake.searchFinds("ana", 99);
        assertInstanceOf(RekognitionLink.Answered.class, search(), "neither took the trial for good");
        assertEquals(CircuitBreaker.State.CLOSED, link.breaker().getState());
        assertNull(link.breakerWatch().problem());
    }

    @Test
    void badCredentialsAreSaidOnceThenRekognitionIsNoLongerCalled() {
        fake.when("SearchFacesByImage", r -> Reply.error(400, "UnrecognizedClientException",
                "The security token included in the request is invalid."));
        try (LogCapture log = new LogCapture(RekognitionLink.class)) {
            assertEquals(Kind.BAD_CREDENTIALS, failureKind(search()));
            for (int i = 0; i < 20; i++) {
                assertEquals(new RekognitionLink.NotCalled<>(RekognitionLink.Skip.DISABLED), search());
            }
            List<String> errors = log.messages(Level.ERROR);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).contains("AWS_ACCESS_KEY_ID"), "says what to fix: " + errors.get(0));
            assertTrue(errors.get(0).contains("matched locally"), errors.get(0));
        }
        assertEquals(1, fake.requests().size());
        assertEquals(Kind.BAD_CREDENTIALS, link.disabledBy().kind());
    }

    @Test
    void aMissingCollectionStopsSearchesUntilItIsReady() {
        fake.when("SearchFacesByImage", r -> Reply.error(400, "ResourceNotFoundException", "The collection id: school-test does not exist"));
        assertEquals(Kind.COLLECTION_MISSING, failureKind(search()));
        assertEquals(new RekognitionLink.NotCalled<>(RekognitionLink.Skip.NO_COLLECTION), search());
        assertEquals(1, fake.requests().size());

        fake.searchFinds("ana", 99);
        link.collectionReady();
        assertInstanceOf(RekognitionLink.Answered.class, search());
    }

    @Test
    void aCallerThatCannotWaitForItsTokenIsNotCalled() {
        FaceCollection slow = new FaceCollection(client, "school-test", new CallRate(1), Duration.ZERO);
        fake.searchFinds("ana", 99);
        assertInstanceOf(RekognitionLink.Answered.class,
                link.call("SearchFacesByImage", () -> slow.search(JPEG, 95, Duration.ZERO)));
        assertEquals(new RekognitionLink.NotCalled<>(RekognitionLink.Skip.OVER_BUDGET),
                link.call("SearchFacesByImage", () -> slow.search(JPEG, 95, Duration.ofMillis(100))));
        assertEquals(1, fake.requests().size());
        assertTrue(link.summary().startsWith("1 answered"), link.summary());
        assertTrue(link.summary().contains("1 not sent (over budget)"), link.summary());
    }
}
