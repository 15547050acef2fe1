package io.presenca.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.presenca.matching.DecisionRule.Decision;
import io.presenca.matching.DecisionRule.ReviewReason;
import io.presenca.matching.DecisionRule.Verdict;
import org.junit.jupiter.api.Test;

class DecisionRuleTest {

    /** 95 % = distance 0.469; the band down to 93 % = 0.555; the runner-up must be 25 % farther. */
    private final DecisionRule rule = new DecisionRule(new RecognitionThreshold(95), 25, 2);

    @Test
    void closeAndClearlyAheadIsAccepted() {
        assertEquals(new Decision(Verdict.ACCEPT, null), rule.decide(0.30, 0.60));
        assertEquals(new Decision(Verdict.ACCEPT, null), rule.decide(0.40, 0.50), "exactly 25 % farther");
        assertEquals(new Decision(Verdict.ACCEPT, null), rule.decide(0.40, Double.POSITIVE_INFINITY),
                "a gallery of one student has no runner-up");
    }

    @Test
    void closeButNotClearlyAheadOfTheRunnerUpIsALookAlikeForReview() {
        assertEquals(new Decision(Verdict.REVIEW, ReviewReason.LOW_MARGIN), rule.decide(0.30, 0.37));
        assertEquals(new Decision(Verdict.REVIEW, ReviewReason.LOW_MARGIN), rule.decide(0.46, 0.50));
    }

    @Test
    void justBelowTheThresholdIsForReviewAndBeyondTheBandIsUnknown() {
        assertEquals(new Decision(Verdict.REVIEW, ReviewReason.NEAR_THRESHOLD), rule.decide(0.47, 0.9));
        assertEquals(new Decision(Verdict.REVIEW, ReviewReason.NEAR_THRESHOLD), rule.decide(0.55, 0.9));
        assertEquals(new Decision(Verdict.UNKNOWN, null), rule.decide(0.56, 0.9));
        assertEquals(0.555, rule.candidateDistance(), 0.0005);
    }

    @Test
    void withoutABandOrMarginOnlyTheThresholdDecides() {
        DecisionRule plain = new DecisionRule(new RecognitionThreshold(95), 0, 0);
        assertEquals(Verdict.ACCEPT, plain.decide(0.46, 0.461).verdict());
        assertEquals(Verdict.UNKNOWN, plain.decide(0.47, 0.9).verdict());
    }

    @Test
    void refusesABandReachingBelowZeroOrANegativeMargin() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionRule(new RecognitionThreshold(60), 25, 60));
        assertThrows(IllegalArgumentException.class, () -> new DecisionRule(new RecognitionThreshold(95), -1, 2));
    }
}
