package io.presenca.rekognition;

import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.Identification;
import io.presenca.matching.DecisionRule;
import io.presenca.matching.MatchSource;
import io.presenca.store.AttendanceRecord;
import io.presenca.store.PendingRecheck;
import io.presenca.store.RecheckStore;
import io.presenca.store.ReviewItem;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REKOGNITION_REVERIFY: attendance recorded while Rekognition could not answer (matcher
 * local-fallback) is checked with Rekognition once it answers again. If Rekognition agrees, the check
 * is closed; if it names someone else, or nobody, a review item ("rekognition_disagrees") is put next
 * to the record for a person to decide. The record itself is never changed or deleted here.
 */
public final class FallbackRecheck implements AttendanceRecorder.AfterRecord {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackRecheck.class);
    static final String REVIEW_REASON = "rekognition_disagrees";
    private static final int BATCH = 50;

    /** What one round did. */
    public record Report(int confirmed, int disputed, int pending, int expired) {
    }

    private final RecheckStore checks;
    private final FaceSearch search;
    private final DecisionRule rule;
    private final Duration keepCropsFor;
    private final Duration maxWait;
    private final Clock clock;
    private final AtomicLong queued = new AtomicLong();

    /**
     * @param keepCropsFor how long a crop may wait for Rekognition before it is dropped unchecked (CLEANUP_DAYS)
     * @param maxWait      how long one check may wait for the rate limit
     */
    public FallbackRecheck(RecheckStore checks, FaceSearch search, DecisionRule rule, Duration keepCropsFor,
                           Duration maxWait, Clock clock) {
        this.checks = checks;
        this.search = search;
        this.rule = rule;
        this.keepCropsFor = keepCropsFor;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /** Told of every new attendance record: those made by the local fallback are queued for checking. */
    @Override
    public void recorded(AttendanceRecord record, Identification identification) {
        if (identification.matcher() != MatchSource.LOCAL_FALLBACK || identification.crop() == null) {
            return;
        }
        try {
            if (checks.add(record.id(), record.studentId(), identification.crop())) {
                queued.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // the record is safe; only its later check is lost
            LOG.warn("Attendance record {} will not be checked with Rekognition: {}", record.id(), e.getMessage());
        }
    }

    /** Timer-route step: checks pending records while Rekognition answers; stops at the first face it cannot. */
    public synchronized Report recheck() {
        int expired = checks.expireBefore(clock.instant().minus(keepCropsFor));
        if (expired > 0) {
            LOG.warn("{} offline attendance records were never checked with Rekognition within {} days: their face"
                    + " crops were deleted", expired, keepCropsFor.toDays());
        }
        int confirmed = 0, disputed = 0;
        if (search.link().looksReachable()) {
            for (PendingRecheck pending : checks.pending(BATCH)) {
                FaceSearch.Answer answer = search.search(pending.crop(), maxWait);
                if (answer instanceof FaceSearch.Unanswered) {
                    break;
                }
                if (agrees(pending, answer)) {
                    checks.confirmed(pending.attendanceId(), pending.studentId(), ((FaceSearch.Match) answer).similarity());
                    confirmed++;
                } else {
                    dispute(pending, answer);
                    disputed++;
                }
            }
        }
        Report report = new Report(confirmed, disputed, checks.pending(BATCH).size(), expired);
        if (confirmed + disputed > 0) {
            LOG.info("Offline attendance checked with Rekognition: {} confirmed, {} disputed (held for review), {} still to check",
                    confirmed, disputed, report.pending());
        }
        return report;
    }

    /** Rekognition names the recorded student, clearly enough to accept the face on its own. */
    private boolean agrees(PendingRecheck pending, FaceSearch.Answer answer) {
        if (!(answer instanceof FaceSearch.Match m) || !m.studentId().equals(pending.studentId())) {
            return false;
        }
        return rule.decide(m.distance(), m.runnerUpDistance()).verdict() == DecisionRule.Verdict.ACCEPT;
    }

    private void dispute(PendingRecheck pending, FaceSearch.Answer answer) {
        String found = answer instanceof FaceSearch.Match m ? m.studentId() : null;
        Double similarity = answer instanceof FaceSearch.Match m ? m.similarity() : null;
        // runner-up: whom Rekognition saw instead (null: nobody), at Rekognition's similarity
        String other = found == null || found.equals(pending.studentId()) ? null : found;
        ReviewItem review = new ReviewItem(null, pending.studentId(), other, pending.deviceId(), pending.capturedAt(),
                REVIEW_REASON, pending.distance() == null ? 0 : pending.distance(),
                answer instanceof FaceSearch.Match m ? m.distance() : null,
                pending.confidence() == null ? 0 : pending.confidence(), MatchSource.REKOGNITION.column(), pending.crop(),
                "open", null);
        ReviewItem stored = checks.disputed(pending.attendanceId(), found, similarity, review);
        LOG.warn("Rekognition disagrees with attendance record {} of student {} made offline: it sees {}. Held for"
                        + " review as item {}; the record is kept as it is.", pending.attendanceId(), pending.studentId(),
                found == null ? "nobody it knows" : "student " + found + String.format(" (%.1f %%)", similarity), stored.id());
    }

    /** Records queued for checking during this run. */
    public long queued() {
        return queued.get();
    }
}
