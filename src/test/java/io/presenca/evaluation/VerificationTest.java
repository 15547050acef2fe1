package io.presenca.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.presenca.evaluation.Verification.ScoredPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationTest {

    @Test
    void separablePairsGiveFullAccuracyAndAThresholdBetweenTheGroups() {
        List<ScoredPair> pairs = new ArrayList<>();
        for (int fold = 0; fold < 3; fold++) {
            for (int i = 0; i < 10; i++) {
                pairs.add(new ScoredPair(fold, true, 0.30 + i * 0.01));
                pairs.add(new ScoredPair(fold, false, 0.70 + i * 0.01));
            }
        }
        Verification.Result result = Verification.of(pairs);
        assertEquals(1.0, result.accuracy());
        assertEquals(0.0, result.accuracyStd());
        assertEquals(1.0, result.tarAtFar1Percent());
        assertEquals((0.39 + 0.70) / 2, result.threshold(), 1e-9);
    }

    @Test
    void eachFoldIsJudgedWithTheThresholdOfTheOthers() {
        List<ScoredPair> pairs = new ArrayList<>();
        // folds 0 and 1 separate at 0.5; fold 2 has its same-person pairs at 0.55, beyond that cut
        for (int fold = 0; fold < 3; fold++) {
            for (int i = 0; i < 4; i++) {
                pairs.add(new ScoredPair(fold, true, fold == 2 ? 0.55 : 0.40));
                pairs.add(new ScoredPair(fold, false, 0.60));
            }
        }
        Verification.Result result = Verification.of(pairs);
        assertEquals(0.5, result.foldAccuracies()[2], 1e-9, "fold 2's same pairs fall beyond the others' cut at 0.5");
        assertEquals(1.0, result.foldAccuracies()[0], 1e-9);
    }

    @Test
    void aPairWithAnUndescribedImageCountsAsDifferentPeople() {
        List<ScoredPair> pairs = new ArrayList<>();
        for (int fold = 0; fold < 2; fold++) {
            pairs.add(new ScoredPair(fold, true, 0.3));
            pairs.add(new ScoredPair(fold, true, Double.POSITIVE_INFINITY));
            pairs.add(new ScoredPair(fold, false, 0.8));
            pairs.add(new ScoredPair(fold, false, Double.POSITIVE_INFINITY));
        }
        assertEquals(0.75, Verification.of(pairs).accuracy(), 1e-9);
    }

    @Test
    void tarAtFarUsesTheStrictestThresholdThatKeepsImpostorsUnderTheRate() {
        List<ScoredPair> pairs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pairs.add(new ScoredPair(i % 2, false, 0.50 + i * 0.01)); // impostors from 0.50
            pairs.add(new ScoredPair(i % 2, true, 0.40 + i * 0.002)); // genuine 0.40 .. 0.598
        }
        // FAR 1 %: the cut is the 2nd-lowest impostor (0.51); genuine below 0.51: 0.40 .. 0.508 = 55 of 100
        assertEquals(0.55, Verification.tarAtFar(pairs, 0.01), 1e-9);
    }

    @Test
    void needsTwoFolds() {
        assertThrows(IllegalArgumentException.class, () -> Verification.of(List.of(new ScoredPair(0, true, 0.1))));
    }
}
