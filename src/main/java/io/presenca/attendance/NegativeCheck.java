package io.presenca.attendance;

import io.presenca.matching.DecisionRule.ReviewReason;
import io.presenca.store.NegativeFaceStore;
import io.presenca.vision.DescriptorModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture-route step after consensus: an accepted face that is closer to one of the student's negatives
 * (faces an admin said are not this student) than to the student's own templates is not recorded, but
 * held for review. The comparison is on the mean over the identification's frames, as consensus judges.
 */
public final class NegativeCheck {

    private static final Logger LOG = LoggerFactory.getLogger(NegativeCheck.class);

    private final NegativeFaceStore negatives;
    /** Measures faces against negatives on the same recognition scale as the identification's own distance. */
    private final DescriptorModel descriptor;
    private final AtomicLong held = new AtomicLong();

    public NegativeCheck(NegativeFaceStore negatives, DescriptorModel descriptor) {
        this.negatives = negatives;
        this.descriptor = descriptor;
    }

    public Identification screen(Identification identification) {
        if (!identification.accepted() || identification.descriptors().isEmpty()) {
            return identification;
        }
        List<float[]> notThisStudent = negatives.negatives(identification.studentId(), descriptor.storedName());
        if (notThisStudent.isEmpty()) {
            return identification;
        }
        double toNegatives = identification.descriptors().stream()
                .mapToDouble(face -> nearest(face, notThisStudent)).average().orElseThrow();
        if (toNegatives >= identification.meanDistance()) {
            return identification;
        }
        held.incrementAndGet();
        LOG.info("Student {} not recorded: the face is closer to one an admin said is not them ({}) than to their"
                        + " photos ({}); held for review", identification.studentId(), String.format("%.3f", toNegatives),
                String.format("%.3f", identification.meanDistance()));
        return identification.heldFor(ReviewReason.NOT_THIS_STUDENT);
    }

    /** Accepted faces sent to review so far because of a negative. */
    public long heldForReview() {
        return held.get();
    }

    private double nearest(float[] face, List<float[]> candidates) {
        double nearest = Double.POSITIVE_INFINITY;
        for (float[] candidate : candidates) {
            nearest = Math.min(nearest, descriptor.recognitionDistance(descriptor.distance(face, candidate)));
        }
        return nearest;
    }
}
