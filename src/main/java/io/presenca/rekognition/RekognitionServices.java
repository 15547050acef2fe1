package io.presenca.rekognition;

import io.presenca.config.Settings;
import io.presenca.matching.DecisionRule;
import io.presenca.matching.FaceMatcher;
import io.presenca.store.Database;
import io.presenca.store.RecheckStore;
import io.presenca.store.RekognitionFaceStore;
import io.presenca.store.Student;
import io.presenca.store.StudentStore;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * The Rekognition parts of one gateway, built from the settings around one client and one
 * {@link RekognitionLink}, so recognition, collection upkeep and re-verification share the circuit
 * breaker and the bad-credentials switch. Building it calls nothing: the gateway starts offline too.
 */
public final class RekognitionServices implements AutoCloseable {

    /** Upkeep and erasure run on their own threads: they may wait for their rate-limit turn. */
    private static final Duration UPKEEP_WAIT = Duration.ofSeconds(30);

    private final Settings settings;
    private final Database database;
    private final RekognitionClient client;
    private final RekognitionLink link;
    private final FaceCollection collection;

    public RekognitionServices(Settings settings, Database database) {
        this(settings, database, RekognitionClients.create(settings));
    }

    RekognitionServices(Settings settings, Database database, RekognitionClient client) {
        this.settings = settings;
        this.database = database;
        this.client = client;
        this.link = new RekognitionLink(settings.rekognitionCollectionId, Duration.ofSeconds(settings.rekognitionRetrySeconds),
                Clock.systemUTC());
        // one limit for every call (search, index, list, delete, upkeep, erasure): what AWS counts is the sum
        this.collection = new FaceCollection(client, settings.rekognitionCollectionId,
                new CallRate(settings.rekognitionTps), UPKEEP_WAIT);
    }

    /**
     * Searches with FaceMatchThreshold at the bottom of the review band (FACE_RECOGNITION_THRESHOLD
     * minus REVIEW_BAND), so near misses and look-alikes reach review exactly as with the local matcher;
     * acceptance itself is still decided at FACE_RECOGNITION_THRESHOLD.
     */
    public FaceSearch search() {
        return new FaceSearch(collection, link, settings.faceRecognitionThreshold - settings.reviewBand);
    }

    /** The capture route's {@code faceMatcher} for MATCHER=rekognition or hybrid, around the local one. */
    public RekognitionMatcher matcher(FaceMatcher local) {
        StudentStore students = new StudentStore(database);
        io.presenca.store.ConsentStore consents = new io.presenca.store.ConsentStore(database);
        // a face Rekognition still holds for a withdrawn consent (not yet deleted there) is not a match here
        return new RekognitionMatcher(settings.matcher, local, search(), Duration.ofMillis(settings.rekognitionFrameBudgetMs),
                id -> students.find(id).map(Student::active).orElse(false) && consents.mayMatch(id, settings.requireConsent), settings.rekognitionReverify, System::nanoTime);
    }

    public CollectionSync collectionSync() {
        return new CollectionSync(collection, link, new RekognitionFaceStore(database), settings.facesDir,
                settings.descriptors.storedName(), settings.rekognitionQualityFilter);
    }

    /** Rechecks only take a token that is free at once: the camera's faces come first. */
    public FallbackRecheck fallbackRecheck(DecisionRule rule) {
        return new FallbackRecheck(new RecheckStore(database), search(), rule, Duration.ofDays(settings.cleanupDays),
                Duration.ZERO, Clock.systemUTC());
    }

    /** The collection itself, for erasing a student's faces. */
    public FaceCollection collection() {
        return collection;
    }

    public RekognitionLink link() {
        return link;
    }

    @Override
    public void close() {
        client.close();
    }
}
