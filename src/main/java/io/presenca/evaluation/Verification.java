package io.presenca.evaluation;

import java.util.Arrays;
import java.util.List;

/**
 * LFW-protocol verification figures from scored pairs: cross-validated accuracy (each fold judged with
 * the threshold that was best on the other folds), TAR at fixed FARs and the best single threshold.
 * A pair with an image the gateway could not describe has an infinite distance: "different person".
 */
public final class Verification {

    public record ScoredPair(int fold, boolean samePerson, double distance) {
    }

    public record Result(double accuracy, double accuracyStd, double[] foldAccuracies, double tarAtFar1Percent,
                         double tarAtFarTenthPercent, double threshold, int pairs) {
    }

    private Verification() {
    }

    public static Result of(List<ScoredPair> pairs) {
        int folds = pairs.stream().mapToInt(ScoredPair::fold).max().orElse(-1) + 1;
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least two folds");
        }
        double[] foldAccuracies = new double[folds];
        for (int fold = 0; fold < folds; fold++) {
            int held = fold;
            double threshold = bestThreshold(pairs.stream().filter(p -> p.fold() != held).toList());
            foldAccuracies[fold] = accuracy(pairs.stream().filter(p -> p.fold() == held).toList(), threshold);
        }
        double mean = Arrays.stream(foldAccuracies).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(foldAccuracies).map(a -> (a - mean) * (a - mean)).average().orElseThrow());
        return new Result(mean, std, foldAccuracies, tarAtFar(pairs, 0.01), tarAtFar(pairs, 0.001),
                bestThreshold(pairs), pairs.size());
    }

    /**
     * Two descriptors' scores of the same pairs, fused: each distance standardised by that descriptor's
     * different-person distances (mean and std over all folds: scaling only, the threshold is still chosen
     * on the other folds), then summed. A pair either descriptor could not score stays infinite.
     */
    public static List<ScoredPair> fused(List<ScoredPair> first, List<ScoredPair> second) {
        double[] a = impostorMeanAndStd(first), b = impostorMeanAndStd(second);
        List<ScoredPair> fused = new java.util.ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            ScoredPair p = first.get(i);
            fused.add(new ScoredPair(p.fold(), p.samePerson(), (p.distance() - a[0]) / a[1]
                    + (second.get(i).distance() - b[0]) / b[1]));
        }
        return fused;
    }

    private static double[] impostorMeanAndStd(List<ScoredPair> pairs) {
        double[] d = pairs.stream().filter(p -> !p.samePerson()).mapToDouble(ScoredPair::distance)
                .filter(Double::isFinite).toArray();
        double mean = Arrays.stream(d).average().orElse(0);
        double std = Math.sqrt(Arrays.stream(d).map(x -> (x - mean) * (x - mean)).average().orElse(1));
        return new double[] {mean, std > 0 ? std : 1};
    }

    /** Same person when the distance is below the threshold. */
    static double accuracy(List<ScoredPair> pairs, double threshold) {
        long right = pairs.stream().filter(p -> (p.distance() < threshold) == p.samePerson()).count();
        return (double) right / pairs.size();
    }

    /** The threshold (a midpoint between two observed distances) with the highest accuracy on these pairs. */
    static double bestThreshold(List<ScoredPair> pairs) {
        double[] distances = pairs.stream().mapToDouble(ScoredPair::distance).filter(Double::isFinite).sorted().toArray();
        double best = 0, bestAccuracy = -1;
        for (int i = 0; i + 1 < distances.length; i++) {
            double candidate = (distances[i] + distances[i + 1]) / 2;
            double accuracy = accuracy(pairs, candidate);
            if (accuracy > bestAccuracy) {
                bestAccuracy = accuracy;
                best = candidate;
            }
        }
        return best;
    }

    /** The share of same-person pairs accepted at the strictest threshold that lets at most {@code far} impostors in. */
    static double tarAtFar(List<ScoredPair> pairs, double far) {
        double[] impostors = pairs.stream().filter(p -> !p.samePerson()).mapToDouble(ScoredPair::distance).sorted().toArray();
        double[] genuine = pairs.stream().filter(ScoredPair::samePerson).mapToDouble(ScoredPair::distance).toArray();
        double threshold = impostors[(int) Math.floor(far * impostors.length)];
        return (double) Arrays.stream(genuine).filter(d -> d < threshold).count() / genuine.length;
    }
}
