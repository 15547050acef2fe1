package io.presenca.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.ManualClock;
import io.presenca.rekognition.RekognitionLink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Rekognition's check follows the link the matcher uses: refused keys and an open breaker are DOWN, with why. */
class RekognitionHealthCheckTest {

    @Test
    void upWhileRekognitionAnswers() {
        RekognitionLink link = new RekognitionLink("presenca-door", Duration.ofMinutes(1), Clock.systemUTC());
        link.call("SearchFacesByImage", () -> "answer");
        assertEquals(HealthCheck.State.UP, call(link).getState());
    }

    @Test
    void refusedKeysAreDownUntilRestartSayingSo() {
        RekognitionLink link = new RekognitionLink("presenca-door", Duration.ofMinutes(1), Clock.systemUTC());
        link.call("SearchFacesByImage", () -> {
            throw AwsServiceException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode("UnrecognizedClientException").errorMessage("The security token is invalid").build()).build();
        });
        HealthCheck.Result result = call(link);
        assertEquals(HealthCheck.State.DOWN, result.getState());
        String message = result.getMessage().orElseThrow();
        assertTrue(message.startsWith("Rekognition disabled until restart") && message.contains("matched locally"), message);
    }

    @Test
    void anOpenCircuitBreakerIsDownSayingForHowLongAndAfterHowManyFailures() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
        RekognitionLink link = new RekognitionLink("presenca-door", Duration.ofMinutes(1), clock);
        for (int i = 0; i < 3; i++) {
            link.call("SearchFacesByImage", () -> {
                throw SdkClientException.create("Connect timed out");
            });
        }
        clock.now = clock.now.plusSeconds(42);
        HealthCheck.Result result = call(link);
        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertTrue(result.getMessage().orElseThrow().contains("circuit open for 42 s after 3 failures"),
                result.getMessage().toString());
        assertFalse(new RekognitionHealthCheck(link).isLiveness());
    }

    private static HealthCheck.Result call(RekognitionLink link) {
        RekognitionHealthCheck check = new RekognitionHealthCheck(link);
        check.setCamelContext(new DefaultCamelContext());
        return check.call();
    }
}
