package io.presenca.rekognition;

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
import software.amazon.awssdk.services.rekognition.model.QualityFilter;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;
import software.amazon.awssdk.services.rekognition.model.UnindexedFace;

/**
 * The school's face collection in Rekognition: one face per accepted enrollment photo, its
 * ExternalImageId the student id. Plain SDK calls; {@link RekognitionLink} decides whether and when
 * they are made.
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

    /** Enough faces back that several photos of the best student still leave room for a runner-up. */
    private static final int SEARCH_MAX_FACES = 10;

    private final RekognitionClient client;
    private final String id;

    public FaceCollection(RekognitionClient client, String id) {
        this.client = client;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Creates the collection when it does not exist. */
    public Ensured ensureExists() {
        try {
            DescribeCollectionResponse described = client.describeCollection(r -> r.collectionId(id));
            return new Ensured(described.faceModelVersion(), false);
        } catch (ResourceNotFoundException e) {
            return new Ensured(client.createCollection(r -> r.collectionId(id)).faceModelVersion(), true);
        }
    }

    /** Deletes the collection and every face in it, then creates it empty (on the current face model). */
    public String recreate() {
        try {
            client.deleteCollection(r -> r.collectionId(id));
        } catch (ResourceNotFoundException e) {
            // nothing to delete
        }
        return client.createCollection(r -> r.collectionId(id)).faceModelVersion();
    }

    /** IndexFaces with MaxFaces 1: Rekognition keeps the largest face of the photo. */
    public Indexed index(String studentId, byte[] jpeg, String qualityFilter) {
        IndexFacesResponse response = client.indexFaces(r -> r.collectionId(id)
                .image(Image.builder().bytes(SdkBytes.fromByteArray(jpeg)).build())
                .externalImageId(studentId)
                .maxFaces(1)
                .qualityFilter(QualityFilter.fromValue(qualityFilter))
                .detectionAttributes(List.of()));
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
        return client.listFacesPaginator(r -> r.collectionId(id).maxResults(4096)).faces().stream()
                .filter(face -> studentId.equals(face.externalImageId())).map(face -> face.faceId()).toList();
    }

    /** DeleteFaces; faces Rekognition no longer has count as deleted too. */
    public void delete(List<String> faceIds) {
        if (!faceIds.isEmpty()) {
            client.deleteFaces(r -> r.collectionId(id).faceIds(faceIds));
        }
    }

    /**
     * SearchFacesByImage on a crop holding one face: the best student at or above {@code threshold}
     * percent, with the best other student as runner-up. Empty when nobody is that similar.
     */
    public Optional<Found> search(byte[] jpeg, double threshold) {
        SearchFacesByImageResponse response = client.searchFacesByImage(r -> r.collectionId(id)
                .image(Image.builder().bytes(SdkBytes.fromByteArray(jpeg)).build())
                .maxFaces(SEARCH_MAX_FACES)
                .faceMatchThreshold((float) threshold));
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
