package io.presenca.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecognitionThresholdTest {

    @Test
    void ninetyFivePercentIsDistanceSqrtOfPoint22() {
        // similarity = 100 (1 - d²/4.4)  =>  d = sqrt(4.4 · 0.05) = sqrt(0.22)
        RecognitionThreshold threshold = new RecognitionThreshold(95);
        assertEquals(0.469, threshold.distance(), 0.0005);
        assertEquals(Math.sqrt(0.22), threshold.distance(), 1e-12);
        assertEquals(95, threshold.percent());
    }

    @Test
    void loweringByTwoPointsMeansNinetyThreePercent() {
        RecognitionThreshold lowered = new RecognitionThreshold(95).lowered(2);
        assertEquals(93, lowered.percent(), 1e-12);
        assertEquals(Math.sqrt(4.4 * 0.07), lowered.distance(), 1e-12);
        assertTrue(lowered.distance() > new RecognitionThreshold(95).distance());
    }

    @Test
    void aStricterPercentageMeansASmallerDistance() {
        double previous = Double.MAX_VALUE;
        for (double percent = 50; percent < 100; percent += 0.5) {
            double distance = new RecognitionThreshold(percent).distance();
            assertTrue(distance < previous, "not decreasing at " + percent);
            previous = distance;
        }
    }

    @Test
    void similarityIsTheInverseOfDistance() {
        for (double percent : new double[] {50, 80, 90, 95, 97, 99.9}) {
            assertEquals(percent, RecognitionThreshold.similarity(new RecognitionThreshold(percent).distance()), 1e-9);
        }
    }

    @Test
    void similarityFallsWithDistanceAndNeverGoesNegative() {
        assertEquals(100, RecognitionThreshold.similarity(0), 1e-12);
        assertTrue(RecognitionThreshold.similarity(0.3) > RecognitionThreshold.similarity(0.6));
        assertEquals(0, RecognitionThreshold.similarity(5), 1e-12);
    }

    @Test
    void percentagesOutsideZeroToHundredAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecognitionThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> new RecognitionThreshold(100));
        assertThrows(IllegalArgumentException.class, () -> new RecognitionThreshold(Double.NaN));
    }
}
