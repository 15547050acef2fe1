package io.presenca.matching;

/**
 * Who a face is, from its distance to the nearest student and to the runner-up. A face is accepted
 * only when it is both close enough (the threshold) and clearly closer to one student than to any
 * other (the margin): look-alikes and siblings fail the margin and go to a person for review, as do
 * faces that fall just short of the threshold (the review band). Everything else is unknown.
 */
public final class DecisionRule {

    public enum Verdict { ACCEPT, REVIEW, UNKNOWN }

    public enum ReviewReason {
        LOW_MARGIN("look-alike: the runner-up is almost as close"),
        NEAR_THRESHOLD("just below the recognition threshold"),
        NOT_THIS_STUDENT("closer to a face an admin said is not this student than to the student's own photos");

        private final String text;

        ReviewReason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** {@code reason} is set only for {@link Verdict#REVIEW}. */
    public record Decision(Verdict verdict, ReviewReason reason) {
    }

    private final RecognitionThreshold threshold;
    private final double marginPercent;
    private final RecognitionThreshold reviewFloor;

    /**
     * @param marginPercent    how much farther, in percent, the runner-up must be than the best student
     * @param reviewBandPoints how many similarity points below the threshold still go to review
     */
    public DecisionRule(RecognitionThreshold threshold, double marginPercent, double reviewBandPoints) {
        if (marginPercent < 0 || reviewBandPoints < 0 || reviewBandPoints >= threshold.percent()) {
            throw new IllegalArgumentException("margin and review band must be positive and the band below the threshold");
        }
        this.threshold = threshold;
        this.marginPercent = marginPercent;
        this.reviewFloor = threshold.lowered(reviewBandPoints);
    }

    public Decision decide(double distance, double runnerUpDistance) {
        if (distance < threshold.distance()) {
            return clearlyAhead(distance, runnerUpDistance)
                    ? new Decision(Verdict.ACCEPT, null)
                    : new Decision(Verdict.REVIEW, ReviewReason.LOW_MARGIN);
        }
        if (distance < reviewFloor.distance()) {
            return new Decision(Verdict.REVIEW, ReviewReason.NEAR_THRESHOLD);
        }
        return new Decision(Verdict.UNKNOWN, null);
    }

    private boolean clearlyAhead(double distance, double runnerUpDistance) {
        return runnerUpDistance >= distance * (1 + marginPercent / 100);
    }

    /** Faces farther than this are unknown whatever else holds: a frame within it is worth keeping. */
    public double candidateDistance() {
        return reviewFloor.distance();
    }

    public RecognitionThreshold threshold() {
        return threshold;
    }
}
