package io.presenca.rekognition;

import io.presenca.camera.ImageFiles;
import io.presenca.store.IndexedFace;
import io.presenca.store.RekognitionFaceStore;
import io.presenca.store.TemplatePhoto;
import io.presenca.vision.FaceCrops;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Rekognition collection in step with enrollment: every accepted photo of an active
 * student is indexed once (IndexFaces, ExternalImageId = student id, MaxFaces 1, REKOGNITION_QUALITY_FILTER)
 * and its FaceId stored with the template; the face of a photo that was deleted or replaced, or of a
 * student who was removed, is deleted (DeleteFaces). It compares what should be there with what is, so
 * changes made while offline are caught up on the first sync that reaches Rekognition.
 *
 * <p>Once per start it also reconciles the collection with the local index (ListFaces): a face the
 * local database does not know (left by an earlier database with the same collection, e.g. after a
 * fresh install or a lost SQLite file) is adopted for a photo of the same student (ExternalImageId)
 * that has no face yet, and deleted when there is none; a local row whose face is gone from the
 * collection is forgotten, so its photo is indexed again. One face per photo, whatever happened before.
 */
public final class CollectionSync {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionSync.class);
    /** DeleteFaces takes at most 4096 ids a call. */
    private static final int DELETE_BATCH = 1000;

    /** What a sync did; {@code complete} is false when Rekognition stopped answering part-way. */
    public record Report(int indexed, int refused, int deleted, int pending, boolean complete) {
        public boolean changed() {
            return indexed + refused + deleted > 0;
        }
    }

    private final FaceCollection collection;
    private final RekognitionLink link;
    private final RekognitionFaceStore faces;
    private final Path facesDir;
    private final String model;
    private final String qualityFilter;
    private boolean collectionChecked;
    private boolean reconciled;
    private boolean lastSyncComplete = true;

    public CollectionSync(FaceCollection collection, RekognitionLink link, RekognitionFaceStore faces,
                          Path facesDir, String model, String qualityFilter) {
        this.collection = collection;
        this.link = link;
        this.faces = faces;
        this.facesDir = facesDir;
        this.model = model;
        this.qualityFilter = qualityFilter;
    }

    /** Timer-route step: index new photos, delete faces of removed ones; quiet when there is nothing to do. */
    public synchronized Report sync() {
        Report report = run(null);
        // an outage is said once, not every tick; the breaker's own line says when Rekognition is back
        boolean newlyIncomplete = !report.complete() && lastSyncComplete;
        lastSyncComplete = report.complete();
        if (report.changed() || newlyIncomplete) {
            LOG.info("Rekognition collection '{}': {} photos indexed, {} refused, {} faces deleted, {} still to index{}",
                    collection.id(), report.indexed(), report.refused(), report.deleted(), report.pending(),
                    report.complete() ? "" : " (Rekognition did not answer; trying again later)");
        }
        return report;
    }

    /**
     * {@code reindex}: deletes the collection with every face in it, creates it again (on Rekognition's
     * current face model) and indexes every enrolled photo, printing a line per photo.
     */
    public synchronized Report reindex(PrintStream out) {
        RekognitionLink.Outcome<String> recreated = link.callForUpkeep("DeleteCollection/CreateCollection", collection::recreate);
        if (!(recreated instanceof RekognitionLink.Answered<String> answered)) {
            out.println("Collection " + collection.id() + " could not be re-created: " + describe(recreated));
            return new Report(0, 0, 0, faces.unindexed(collection.id(), model).size(), false);
        }
        int forgotten = faces.forgetCollection(collection.id());
        collectionChecked = true;
        reconciled = true;
        link.collectionReady();
        out.println("Collection " + collection.id() + " re-created on face model " + answered.value() + " (" + forgotten
                + " faces dropped); indexing the enrolled photos:");
        Report report = run(out);
        out.println("Collection " + collection.id() + ": " + report.indexed() + " photos indexed, " + report.refused()
                + " refused" + (report.complete() ? "" : ", " + report.pending() + " not done: Rekognition stopped answering"));
        return report;
    }

    private Report run(PrintStream out) {
        if (link.collectionMissing()) {
            collectionChecked = false;
        }
        if (!collectionChecked && !ensureCollection()) {
            return new Report(0, 0, 0, faces.unindexed(collection.id(), model).size(), false);
        }
        int deleted = 0;
        if (!reconciled) {
            int orphansDeleted = reconcile();
            if (orphansDeleted < 0) {
                return new Report(0, 0, 0, faces.unindexed(collection.id(), model).size(), false);
            }
            deleted += orphansDeleted;
        }
        List<IndexedFace> stale = faces.stale(collection.id(), model);
        for (int from = 0; from < stale.size(); from += DELETE_BATCH) {
            List<IndexedFace> batch = stale.subList(from, Math.min(stale.size(), from + DELETE_BATCH));
            List<String> faceIds = batch.stream().map(IndexedFace::faceId).filter(id -> id != null).toList();
            if (!(upkeep("DeleteFaces", () -> {
                collection.delete(faceIds);
                return faceIds.size();
            }) instanceof RekognitionLink.Answered<Integer>)) {
                return new Report(0, 0, deleted, faces.unindexed(collection.id(), model).size(), false);
            }
            faces.forget(collection.id(), batch.stream().map(IndexedFace::templateId).toList());
            deleted += (int) batch.stream().filter(face -> face.faceId() != null).count();
        }
        int indexed = 0, refused = 0;
        List<TemplatePhoto> unindexed = faces.unindexed(collection.id(), model);
        for (int i = 0; i < unindexed.size(); i++) {
            TemplatePhoto template = unindexed.get(i);
            FaceCollection.Indexed result = index(template);
            if (result == null) {
                return new Report(indexed, refused, deleted, unindexed.size() - i, false);
            }
            faces.save(collection.id(), template, result.faceId(), result.refusal());
            if (result.faceId() != null) {
                indexed++;
            } else {
                refused++;
                LOG.info("Enrollment photo {} not indexed in Rekognition: {}", template.photoPath(), result.refusal());
            }
            if (out != null) {
                out.println("  " + template.photoPath() + "  " + (result.faceId() != null ? "indexed" : result.refusal()));
            }
        }
        return new Report(indexed, refused, deleted, 0, true);
    }

    /**
     * Brings the local index and the collection into agreement (see the class comment); the number of
     * orphan faces deleted, or -1 when Rekognition did not answer (tried again at the next sync).
     */
    private int reconcile() {
        RekognitionLink.Outcome<List<FaceCollection.ListedFace>> listing = upkeep("ListFaces", collection::faces);
        if (!(listing instanceof RekognitionLink.Answered<List<FaceCollection.ListedFace>> answered)) {
            return -1;
        }
        List<FaceCollection.ListedFace> listed = answered.value();
        Set<String> inCollection = listed.stream().map(FaceCollection.ListedFace::faceId).collect(Collectors.toSet());
        List<IndexedFace> local = faces.all(collection.id());
        List<Long> lost = local.stream().filter(f -> f.faceId() != null && !inCollection.contains(f.faceId()))
                .map(IndexedFace::templateId).toList();
        faces.forget(collection.id(), lost);
        Set<String> known = local.stream().map(IndexedFace::faceId).filter(id -> id != null).collect(Collectors.toSet());
        Map<String, Deque<TemplatePhoto>> waiting = new HashMap<>();
        faces.unindexed(collection.id(), model).forEach(photo ->
                waiting.computeIfAbsent(photo.studentId(), student -> new ArrayDeque<>()).add(photo));
        int adopted = 0;
        List<String> orphans = new ArrayList<>();
        for (FaceCollection.ListedFace face : listed) {
            if (known.contains(face.faceId())) {
                continue;
            }
            TemplatePhoto photo = waiting.getOrDefault(face.externalImageId(), new ArrayDeque<>()).poll();
            if (photo != null) {
                faces.save(collection.id(), photo, face.faceId(), null);
                adopted++;
            } else {
                orphans.add(face.faceId());
            }
        }
        for (int from = 0; from < orphans.size(); from += DELETE_BATCH) {
            if (!delete(orphans.subList(from, Math.min(orphans.size(), from + DELETE_BATCH)))) {
                return -1;
            }
        }
        reconciled = true;
        if (adopted + orphans.size() + lost.size() > 0) {
            LOG.info("Rekognition collection '{}' reconciled with this gateway's index: {} faces adopted for their photos,"
                    + " {} unknown faces deleted, {} faces missing from the collection to index again", collection.id(),
                    adopted, orphans.size(), lost.size());
        }
        return orphans.size();
    }

    /** DeleteFaces; false when Rekognition did not answer. */
    private boolean delete(List<String> faceIds) {
        return upkeep("DeleteFaces", () -> {
            collection.delete(faceIds);
            return faceIds.size();
        }) instanceof RekognitionLink.Answered<Integer>;
    }

    /** IndexFaces for one template's photo; null when Rekognition did not answer (try again later). */
    private FaceCollection.Indexed index(TemplatePhoto template) {
        byte[] jpeg;
        try (Mat photo = ImageFiles.decode(facesDir.resolve(template.photoPath()))) {
            jpeg = FaceCrops.wholePhoto(photo);
        } catch (ImageFiles.UnreadableImageException e) {
            // enrollment removes the template of a photo that is gone; until then there is nothing to send
            return new FaceCollection.Indexed(null, "photo unreadable: " + e.getMessage());
        }
        RekognitionLink.Outcome<FaceCollection.Indexed> outcome =
                upkeep("IndexFaces", () -> collection.index(template.studentId(), jpeg, qualityFilter));
        if (outcome instanceof RekognitionLink.Answered<FaceCollection.Indexed> answered) {
            return answered.value();
        }
        if (outcome instanceof RekognitionLink.Failed<FaceCollection.Indexed> failed) {
            RekognitionFailure failure = failed.failure();
            if (failure.kind() == RekognitionFailure.Kind.NO_FACE || failure.kind() == RekognitionFailure.Kind.REFUSED) {
                return new FaceCollection.Indexed(null, "refused by Rekognition: " + failure.message());
            }
        }
        return null;
    }

    private boolean ensureCollection() {
        RekognitionLink.Outcome<FaceCollection.Ensured> outcome = upkeep("DescribeCollection", collection::ensureExists);
        if (!(outcome instanceof RekognitionLink.Answered<FaceCollection.Ensured> answered)) {
            return false;
        }
        if (answered.value().created()) {
            reconciled = true; // a new collection holds nothing to reconcile
            int forgotten = faces.forgetCollection(collection.id());
            LOG.info("Rekognition collection '{}' created (face model {}){}", collection.id(), answered.value().faceModelVersion(),
                    forgotten == 0 ? "" : "; the " + forgotten + " faces indexed before are gone and are indexed again");
        }
        collectionChecked = true;
        link.collectionReady();
        return true;
    }

    private <T> RekognitionLink.Outcome<T> upkeep(String operation, Supplier<T> call) {
        return link.callForUpkeep(operation, call);
    }

    private static String describe(RekognitionLink.Outcome<?> outcome) {
        if (outcome instanceof RekognitionLink.Failed<?> failed) {
            return failed.failure().message();
        }
        return "not called (" + ((RekognitionLink.NotCalled<?>) outcome).reason().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + ")";
    }
}
