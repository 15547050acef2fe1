package io.presenca.rekognition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.config.MatcherKind;
import io.presenca.config.Settings;
import io.presenca.matching.AmyAndBob;
import io.presenca.matching.DecisionRule;
import io.presenca.matching.FaceMatch;
import io.presenca.matching.FaceMatcher;
import io.presenca.matching.MatchSource;
import io.presenca.matching.MatchedFrame;
import io.presenca.matching.RecognitionThreshold;
import io.presenca.rekognition.FakeRekognition.Reply;
import io.presenca.ManualClock;
import io.presenca.vision.DescribedFrames;
import io.presenca.vision.FrameAnalysis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * MATCHER=rekognition and hybrid on described faces (synthetic descriptors, crops tagged with the
 * face's index) against the loopback fake through the real SDK: who decides each face, and how every
 * Rekognition failure falls back to the local matcher for that face only.
 */
class RekognitionMatcherTest {

    private static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");
    private static final Set<String> ENROLLED = Set.of("amy", "bob");

    private final FakeRekognition fake = new FakeRekognition();
    private final Settings settings = RekognitionTestSettings.pointingAt(fake);
    private final RekognitionClient client = RekognitionClients.create(settings);
    private final DecisionRule rule = new DecisionRule(new RecognitionThreshold(95), 25, 2);
    private final FaceMatcher local = new FaceMatcher(AmyAndBob.gallery(), rule);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final RekognitionLink link = new RekognitionLink("school-test", Duration.ofSeconds(30), clock);

    @AfterEach
    void close() {
        client.close();
        fake.close();
    }

    /** A face exactly {@code distance} from amy, far from bob. */
    private static float[] amyAt(double distance) {
        return AmyAndBob.amyAt(distance);
    }

    private RekognitionMatcher matcher(MatcherKind kind, double tps, Duration frameBudget) {
        FaceSearch search = new FaceSearch(new FaceCollection(client, "school-test", new CallRate(tps), Duration.ofSeconds(5)), link, 93);
        return new RekognitionMatcher(kind, local, search, frameBudget, ENROLLED::contains, true, System::nanoTime);
    }

    private RekognitionMatcher matcher(MatcherKind kind) {
        return matcher(kind, 1000, Duration.ofSeconds(1));
    }

    private static FrameAnalysis frame(float[]... faces) {
        return DescribedFrames.frameWithCrops(1, AT, faces);
    }

    @Test
    void rekognitionDecidesEveryFaceWithItsOwnSimilarity() {
        fake.when("SearchFacesByImage", r -> Reply.ok(FakeRekognition.searchAnswer(
                r.imageBytes()[4] == 0 ? Map.of("amy", 99.2) : Map.of("bob", 97.0, "amy", 94.0))));
        RekognitionMatcher matcher = matcher(MatcherKind.REKOGNITION);

        MatchedFrame matched = matcher.match(frame(amyAt(0.3), amyAt(0.3)));

        assertEquals(2, matched.matches().size());
        FaceMatch first = matched.matches().get(0), second = matched.matches().get(1);
        assertEquals("amy", first.studentId());
        assertEquals(MatchSource.REKOGNITION, first.source());
        assertEquals(99.2, first.similarity(), 1e-9, "Rekognition's similarity is kept");
        assertNull(first.runnerUpId());
        assertEquals("bob", second.studentId(), "Rekognition overrules the local matcher, which saw amy");
        assertEquals("amy", second.runnerUpId());
        assertEquals(94.0, RecognitionThreshold.similarity(second.runnerUpDistance()), 1e-9);
        assertNull(first.crop(), "a Rekognition match needs no later check");

        List<FakeRekognition.Request> sent = fake.requests("SearchFacesByImage");
        assertEquals(2, sent.size(), "one search per face");
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(frame(amyAt(0.3), amyAt(0.3)).faces().get(i).crop(), sent.get(i).imageBytes(), "face " + i + "'s crop");
            assertEquals("school-test", sent.get(i).body().path("CollectionId").asText());
            assertEquals(93.0, sent.get(i).body().path("FaceMatchThreshold").asDouble(), 1e-6);
        }
        assertEquals(2, matcher.matched());
        assertEquals(0, matcher.localFallbacks());
    }

    @Test
    void nobodyOrNoFaceFromRekognitionIsUnknownEvenWhenTheLocalMatcherWouldMatch() {
        AtomicInteger call = new AtomicInteger();
        fake.when("SearchFacesByImage", r -> call.getAndIncrement() == 0 ? Reply.ok(FakeRekognition.searchAnswer(Map.of()))
                : Reply.error(400, "InvalidParameterException", "There are no faces in the image. Should be at least 1."));
        RekognitionMatcher matcher = matcher(MatcherKind.REKOGNITION);

        MatchedFrame matched = matcher.match(frame(amyAt(0.2), amyAt(0.2)));

        assertTrue(matched.matches().isEmpty());
        assertEquals(2, matched.unknownFaces());
        assertEquals(1, matcher.noFace());
        assertEquals(0, matcher.localFallbacks(), "Rekognition answered both times");
        assertEquals(2, matcher.unknownFaces());
    }

    @Test
    void throttlingAnd5xxFallBackToTheLocalMatcherForThatFaceOnly() {
        AtomicInteger call = new AtomicInteger();
        fake.when("SearchFacesByImage", r -> switch (call.getAndIncrement()) {
            case 0 -> Reply.error(400, "ThrottlingException", "Rate exceeded");
            case 1 -> Reply.error(503, "ServiceUnavailableException", "Service unavailable");
            default -> Reply.ok(FakeRekognition.searchAnswer(Map.of("bob", 98.5)));
        });
        RekognitionMatcher matcher = matcher(MatcherKind.REKOGNITION);

        MatchedFrame matched = matcher.match(frame(amyAt(0.2), amyAt(0.7), AmyAndBob.bob()));

        List<FaceMatch> matches = matched.matches();
        assertEquals(2, matches.size(), matches.toString());
        assertEquals("amy", matches.get(0).studentId());
        assertEquals(MatchSource.LOCAL_FALLBACK, matches.get(0).source(), "throttled: the local matcher decided");
        assertEquals(0.2, matches.get(0).distance(), 1e-6, "at the local distance");
        assertEquals(0, matches.get(0).crop()[4], "the first face's crop is kept for the later check");
        assertEquals(1, matched.unknownFaces(), "503: the local matcher decided, and it knows nobody at 0.7");
        assertEquals("bob", matches.get(1).studentId());
        assertEquals(MatchSource.REKOGNITION, matches.get(1).source(), "the third face was answered");
        assertEquals(2, matcher.localFallbacks());
    }

    @Test
    void anOpenBreakerSendsNothingAndEveryFaceIsMatchedLocally() {
        fake.offline(true);
        RekognitionMatcher matcher = matcher(MatcherKind.REKOGNITION);

        for (int i = 0; i < 5; i++) {
            MatchedFrame matched = matcher.match(frame(amyAt(0.2)));
            assertEquals(MatchSource.LOCAL_FALLBACK, matched.matches().get(0).source());
        }

        assertEquals(3, fake.requests().size(), "three dropped connections opened the breaker; then nothing was sent");
        assertEquals(5, matcher.localFallbacks());
        assertEquals(2, link.skipped(RekognitionLink.Skip.CIRCUIT_OPEN));
    }

    @Test
    void facesOverTheFramesBudgetFallBackInsteadOfQueueing() {
        fake.searchFinds("amy", 99);
        RekognitionMatcher matcher = matcher(MatcherKind.REKOGNITION, 1, Duration.ofMillis(100));

        long started = System.nanoTime();
        MatchedFrame matched = matcher.match(frame(amyAt(0.2), amyAt(0.2), amyAt(0.2)));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(List.of(MatchSource.REKOGNITION, MatchSource.LOCAL_FALLBACK, MatchSource.LOCAL_FALLBACK),
                matched.matches().stream().map(FaceMatch::source).toList());
        assertEquals(1, fake.requests().size(), "at 1 per second only the first face had a token");
        assertEquals(2, link.skipped(RekognitionLink.Skip.OVER_BUDGET));
        assertTrue(tookMillis < 900, "the frame did not wait a second for the next token: " + tookMillis + " ms");
    }

    @Test
    void aStudentRekognitionKnowsButThisGatewayDoesNotIsUnknownAndSaidOnce() {
        fake.searchFinds("carl-from-another-school", 99.9);
        RekognitionMatcher matcher = matcher(MatcherKind.REKOGNITION);
        try (LogCapture log = new LogCapture(RekognitionMatcher.class)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(matcher.match(frame(amyAt(0.2))).matches().isEmpty());
            }
            assertEquals(1, log.messages(Level.WARN).size(), log.messages(Level.WARN).toString());
            assertTrue(log.messages(Level.WARN).get(0).contains("reindex"));
        }
    }

    @Test
    void hybridAsksRekognitionOnlyAboutFacesTheLocalMatcherIsUnsureOf() {
        fake.searchFinds("amy", 98.0);
        RekognitionMatcher matcher = matcher(MatcherKind.HYBRID);

        // sure (0.3), in the review band (0.5: just short of the threshold), unknown (0.9)
        MatchedFrame matched = matcher.match(frame(amyAt(0.3), amyAt(0.5), amyAt(0.9)));

        assertEquals(List.of(MatchSource.LOCAL, MatchSource.REKOGNITION), matched.matches().stream().map(FaceMatch::source).toList());
        assertEquals(0.3, matched.matches().get(0).distance(), 1e-6);
        assertEquals(98.0, matched.matches().get(1).similarity(), 1e-9, "confirmed: Rekognition's similarity");
        assertEquals(1, matched.unknownFaces());
        assertEquals(1, fake.requests().size());
        assertEquals(1, fake.requests().get(0).imageBytes()[4], "the unsure face's crop was sent");
    }

    @Test
    void hybridKeepsTheLocalDecisionAsAFallbackWhenRekognitionIsUnreachable() {
        fake.offline(true);
        RekognitionMatcher matcher = matcher(MatcherKind.HYBRID);

        MatchedFrame matched = matcher.match(frame(amyAt(0.3), amyAt(0.5)));

        assertEquals(List.of(MatchSource.LOCAL, MatchSource.LOCAL_FALLBACK), matched.matches().stream().map(FaceMatch::source).toList());
        assertEquals(0.5, matched.matches().get(1).distance(), 1e-6, "still in the review band: consensus sends it to review");
        assertEquals(1, matcher.localFallbacks());
    }

    @Test
    void hybridDropsAnUnsureFaceRekognitionDoesNotRecognise() {
        fake.when("SearchFacesByImage", r -> Reply.ok(FakeRekognition.searchAnswer(Map.of())));
        RekognitionMatcher matcher = matcher(MatcherKind.HYBRID);

        MatchedFrame matched = matcher.match(frame(amyAt(0.5)));

        assertTrue(matched.matches().isEmpty());
        assertEquals(1, matched.unknownFaces());
    }
}
