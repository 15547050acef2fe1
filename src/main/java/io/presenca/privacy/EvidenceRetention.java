package io.presenca.privacy;

import io.presenca.store.ConsentStore;
import io.presenca.store.Database;
import io.presenca.store.NegativeFaceStore;
import io.presenca.store.RecheckStore;
import io.presenca.store.ReviewStore;
import io.presenca.store.StudentErasure;
import io.presenca.store.UnknownFaceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily route step ({@code routes/retention.camel.yaml}): face evidence is kept no longer than
 * EVIDENCE_RETENTION_DAYS (decided review items with their crops, crops awaiting a Rekognition check,
 * negatives counted from when they were taught, the faces kept behind records; an open review item stays
 * until a person decides it, or a student would go unrecorded unseen), and the
 * face data of students whose consent was withdrawn is erased if anything of it is still here (a
 * withdrawal erases at once; this catches what could not be reached then, e.g. Rekognition offline).
 */
public final class EvidenceRetention {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceRetention.class);

    /** What one pass removed. */
    public record Result(int reviewItems, int recheckCrops, int unknownFaceCrops, int withdrawnStudentsErased,
                         int negativeFaces, long openReviewItemsKept) {
    }

    private final Database db;
    private final Path facesDir;
    private final int days;
    private final StudentEraser eraser;
    private final Clock clock;

    public EvidenceRetention(Database db, Path facesDir, int days, StudentEraser eraser, Clock clock) {
        this.db = db;
        this.facesDir = facesDir;
        this.days = days;
        this.eraser = eraser;
        this.clock = clock;
    }

    public Result enforce() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        ReviewStore reviewStore = new ReviewStore(db);
        int reviews = reviewStore.deleteDecidedCapturedBefore(cutoff);
        long openKept = reviewStore.countOpenCapturedBefore(cutoff);
        int crops = new RecheckStore(db).expireBefore(cutoff);
        int unknownCrops = new UnknownFaceStore(db).deleteCapturedBefore(cutoff);
        int negatives = new NegativeFaceStore(db).expireBefore(cutoff);
        int erased = 0;
        StudentErasure erasure = new StudentErasure(db);
        for (String studentId : new ConsentStore(db).revoked()) {
            if (erasure.holdsFaceData(studentId) || Files.exists(ErasedStudents.folder(facesDir, studentId))) {
                ErasureReport report = eraser.eraseFaceData(studentId);
                if (report.complete()) {
                    erased++;
                } else {
                    LOG.warn("Retention: the face data of a student whose consent was withdrawn could not all be erased"
                            + " ({} stores not cleared); retried tomorrow, or run `erase` by hand",
                            report.lines().stream().filter(l -> !l.ok()).count());
                }
            }
        }
        LOG.info("Retention: {} decided review items, {} recheck crops, {} unknown-face crops and {} negatives or record"
                + " faces older than {} days deleted (EVIDENCE_RETENTION_DAYS={}); face data of {} students with withdrawn"
                + " consent erased", reviews, crops, unknownCrops, negatives, days, days, erased);
        if (openKept > 0) {
            LOG.warn("Retention: {} review items older than {} days are kept, with their face crops, until a person"
                    + " accepts or rejects them on the dashboard", openKept, days);
        }
        return new Result(reviews, crops, unknownCrops, erased, negatives, openKept);
    }
}
