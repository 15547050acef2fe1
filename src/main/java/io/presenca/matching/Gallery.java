package io.presenca.matching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enrolled students in memory: one centroid (mean of the student's template descriptors) per
 * student. On LFW-dev the centroid separates strangers from students better than the nearest single
 * template (README, "Recognition"). Replaced whole on re-enrollment, so a search never sees a
 * half-updated gallery.
 */
public final class Gallery {

    /** A student's templates, as loaded from the store. */
    public record StudentTemplates(String studentId, List<float[]> descriptors) {
    }

    /** The nearest student to a face, and how far the runner-up is. */
    public record Nearest(String studentId, double distance, double runnerUpDistance) {
    }

    private record Snapshot(String[] studentIds, float[][] centroids, int templates) {
    }

    private volatile Snapshot snapshot = new Snapshot(new String[0], new float[0][], 0);

    public void replace(List<StudentTemplates> students) {
        List<String> ids = new ArrayList<>();
        List<float[]> centroids = new ArrayList<>();
        int templates = 0;
        for (StudentTemplates student : students) {
            if (student.descriptors().isEmpty()) {
                continue;
            }
            ids.add(student.studentId());
            centroids.add(centroid(student.descriptors()));
            templates += student.descriptors().size();
        }
        snapshot = new Snapshot(ids.toArray(String[]::new), centroids.toArray(float[][]::new), templates);
    }

    /** Groups (student id, descriptor) pairs, keeping the order students first appear in. */
    public static List<StudentTemplates> group(List<Map.Entry<String, float[]>> templates) {
        Map<String, List<float[]>> byStudent = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> template : templates) {
            byStudent.computeIfAbsent(template.getKey(), id -> new ArrayList<>()).add(template.getValue());
        }
        return byStudent.entrySet().stream().map(e -> new StudentTemplates(e.getKey(), e.getValue())).toList();
    }

    public int students() {
        return snapshot.studentIds.length;
    }

    public int templates() {
        return snapshot.templates;
    }

    public Optional<Nearest> nearest(float[] descriptor) {
        Snapshot current = snapshot;
        int best = -1;
        double bestSquared = Double.MAX_VALUE, runnerUpSquared = Double.MAX_VALUE;
        for (int i = 0; i < current.centroids.length; i++) {
            double squared = squaredDistance(descriptor, current.centroids[i], runnerUpSquared);
            if (squared < bestSquared) {
                runnerUpSquared = bestSquared;
                bestSquared = squared;
                best = i;
            } else if (squared < runnerUpSquared) {
                runnerUpSquared = squared;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        return Optional.of(new Nearest(current.studentIds[best], Math.sqrt(bestSquared),
                runnerUpSquared == Double.MAX_VALUE ? Double.POSITIVE_INFINITY : Math.sqrt(runnerUpSquared)));
    }

    /** Stops summing once past {@code bound}: most students are far from any face. */
    private static double squaredDistance(float[] a, float[] b, double bound) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            sum += diff * diff;
            if ((d & 31) == 31 && sum > bound) {
                return sum;
            }
        }
        return sum;
    }

    private static float[] centroid(List<float[]> descriptors) {
        float[] mean = new float[descriptors.get(0).length];
        for (float[] descriptor : descriptors) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += descriptor[d] / descriptors.size();
            }
        }
        return mean;
    }
}
