package io.presenca.rekognition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.DescribeCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.FaceMatch;
import software.amazon.awssdk.services.rekognition.model.FaceRecord;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.ListFacesResponse;
import software.amazon.awssdk.services.rekognition.model.QualityFilter;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;
import software.amazon.awssdk.services.rekognition.model.UnindexedFace;

/**
 * The school's face collection in Rekognition: one face per accepted enrollment photo, its
 * ExternalImageId the student id. Plain SDK calls, each request (every page of a listing too) after
 * its turn at the gateway's one {@link CallRate}; {@link RekognitionLink} decides whether they are made.
 */
public final class FaceCollection {

    /** The collection exists, on this face model; {@code created} when it had to be made just now. */
    public record Ensured(String faceModelVersion, boolean created) {
    }

    /** What IndexFaces did with a photo: the new face, or why no face was indexed. */
    public record Indexed(String faceId, String refusal) {
    }

    /** The best two students a face was found similar to (similarity 0 when there is no runner-up). */
    public record Found(String studentId, double similarity, String faceId, String runnerUpId, double runnerUpSimilarity) {
    }

    /** A face in the collection as ListFaces shows it. */
    public record ListedFace(String faceId, String externalImageId) {
    }

    /** Enough faces back that several photos of the best student still leave room for a runner-up. */
    private static final int SEARCH_MAX_FACES = 10;

    private final RekognitionClient client;
    private final String id;
    private final CallRate rate;
    private final Duration waitForTurn;

    /**
     * @param rate        the gateway's one limit on Rekognition calls
     * @param waitForTurn how long a call other than a search (upkeep, erasure) may wait for its turn
     */
    public FaceCollection(RekognitionClient client, String id, CallRate rate, Duration waitForTurn) {
        this.client = client;
        this.id = id;
        this.rate = rate;
        this.waitForTurn = waitForTurn;
    }

    public String id() {
        return id;
    }

    /** Creates the collection when it does not exist. */
    public Ensured ensureExists() {
        try {
            DescribeCollectionResponse described = rate.call("DescribeCollection", waitForTurn,
                    () -> client.describeCollection(r -> r.collectionId(id)));
            return new Ensured(described.faceModelVersion(), false);
        } catch (ResourceNotFoundException e) {
            return new Ensured(create(), true);
        }
    }

    /** Deletes the collection and every face in it, then creates it empty (on the current face model). */
    public String recreate() {
        try {
            rate.call("DeleteCollection", waitForTurn, () -> client.deleteCollection(r -> r.collectionId(id)));
        } catch (ResourceNotFoundException e) {
            // nothing to delete
        }
        return create();
    }

    /** CreateCollection; the face model version it was made on. */
    private String create() {
        return rate.call("CreateCollection", waitForTurn, () -> client.createCollection(r -> r.collectionId(id)))
                .faceModelVersion();
    }

    /** IndexFaces with MaxFaces 1: Rekognition keeps the largest face of the photo. */
    public Indexed index(String studentId, byte[] jpeg, String qualityFilter) {
        IndexFacesResponse response = rate.call("IndexFaces", waitForTurn, () -> client.indexFaces(r -> r.collectionId(id)
                .image(Image.builder().bytes(SdkBytes.fromByteArray(jpeg)).build())
                .externalImageId(studentId)
                .maxFaces(1)
                .qualityFilter(QualityFilter.fromValue(qualityFilter))
                .detectionAttributes(List.of())));
        Optional<FaceRecord> record = response.faceRecords().stream().findFirst();
        if (record.isPresent()) {
            return new Indexed(record.get().face().faceId(), null);
        }
        String reasons = response.unindexedFaces().stream().map(UnindexedFace::reasonsAsStrings)
                .flatMap(List::stream).distinct().map(r -> r.toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .reduce((a, b) -> a + ", " + b).orElse(null);
        return new Indexed(null, reasons == null ? "no face found by Rekognition"
                : "face not indexed by Rekognition: " + reasons);
    }

    /** ListFaces, every page: the ids of the faces indexed for {@code studentId} (its ExternalImageId). */
    public List<String> facesOf(String studentId) {
        return faces().stream().filter(face -> studentId.equals(face.externalImageId())).map(ListedFace::faceId).toList();
    }

    /** ListFaces, every page, each page a call of its own. */
    public List<ListedFace> faces() {
        List<ListedFace> faces = new ArrayList<>();
        String page = null;
        do {
            String token = page;
            ListFacesResponse response = rate.call("ListFaces", waitForTurn,
                    () -> client.listFaces(r -> r.collectionId(id).maxResults(4096).nextToken(token)));
            response.faces().forEach(face -> faces.add(new ListedFace(face.faceId(), face.externalImageId())));
            page = response.nextToken();
        } while (page != null);
        return faces;
    }

    /** DeleteFaces; faces Rekognition no longer has count as deleted too. */
    public void delete(List<String> faceIds) {
        if (!faceIds.isEmpty()) {
            rate.call("DeleteFaces", waitForTurn, () -> client.deleteFaces(r -> r.collectionId(id).faceIds(faceIds)));
        }
    }

    /**
     * SearchFacesByImage on a crop holding one face: the best student at or above {@code threshold}
     * percent, with the best other student as runner-up. Empty when nobody is that similar. Throws
     * {@link CallRate.NoTurnInTime} when its turn would come after {@code maxWait}.
     */
    public Optional<Found> search(byte[] jpeg, double threshold, Duration maxWait) {
        SearchFacesByImageResponse response = rate.call("SearchFacesByImage", maxWait,
                () -> client.searchFacesByImage(r -> r.collectionId(id)
                        .image(Image.builder().bytes(SdkBytes.fromByteArray(jpeg)).build())
                        .maxFaces(SEARCH_MAX_FACES)
                        .faceMatchThreshold((float) threshold)));
        Map<String, FaceMatch> bestPerStudent = new LinkedHashMap<>();
        for (FaceMatch match : response.faceMatches()) {
            String student = match.face() == null ? null : match.face().externalImageId();
            if (student != null && match.similarity() != null) {
                bestPerStudent.merge(student, match, (a, b) -> a.similarity() >= b.similarity() ? a : b);
            }
        }
        List<FaceMatch> ranked = bestPerStudent.values().stream()
                .sorted(Comparator.comparingDouble(FaceMatch::similarity).reversed()).toList();
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        FaceMatch best = ranked.get(0);
        FaceMatch second = ranked.size() > 1 ? ranked.get(1) : null;
        return Optional.of(new Found(best.face().externalImageId(), percent(best.similarity()), best.face().faceId(),
                second == null ? null : second.face().externalImageId(), second == null ? 0 : percent(second.similarity())));
    }

    /** The SDK reads similarities as float: 99.2 would be stored as 99.19999694824219. */
    private static double percent(float similarity) {
        return Double.parseDouble(Float.toString(similarity));
    }
}
