package io.presenca.matching;

import io.presenca.vision.DescriptorModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enrolled students in memory, searched with every template. A student's distance to a face is
 * the mean of two views of their templates: the distance to their centroid (steady, averages out one
 * bad photo) and to their nearest single template (keeps a photo that differs, e.g. with glasses).
 * On LFW-dev this beat either alone (README, "Recognition"). Replaced whole on re-enrollment, so a
 * search never sees a half-updated gallery. Holds descriptors of one {@link DescriptorModel}; the
 * distances it reports are on the recognition scale the decision rule reads ({@link RecognitionThreshold}).
 */
public final class Gallery {

    /** A student's templates, as loaded from the store. */
    public record StudentTemplates(String studentId, List<float[]> descriptors) {
    }

    /** The nearest student to a face, and the runner-up (the student a look-alike could be confused with), on the recognition scale. */
    public record Nearest(String studentId, double distance, String runnerUpId, double runnerUpDistance) {
    }

    /** One student: centroid, templates, and the farthest template from the centroid (for pruning). */
    private record Entry(String studentId, float[] centroid, float[][] templates, double radius) {
    }

    private record Snapshot(Entry[] students, int templates) {
    }

    private final DescriptorModel model;
    private volatile Snapshot snapshot = new Snapshot(new Entry[0], 0);

    /** A gallery of dlib descriptors. */
    public Gallery() {
        this(DescriptorModel.DLIB);
    }

    public Gallery(DescriptorModel model) {
        this.model = model;
    }

    public DescriptorModel model() {
        return model;
    }

    /** Takes these students' templates; a template of another dimension than the model's is refused. */
    public void replace(List<StudentTemplates> students) {
        List<Entry> entries = new ArrayList<>();
        int templates = 0;
        for (StudentTemplates student : students) {
            if (student.descriptors().isEmpty()) {
                continue;
            }
            for (float[] template : student.descriptors()) {
                if (template.length != model.dimensions()) {
                    throw new IllegalArgumentException("A template of student " + student.studentId() + " has "
                            + template.length + " values, but " + model.storedName() + " descriptors have "
                            + model.dimensions() + ": it was made by another model");
                }
            }
            float[] centroid = centroid(student.descriptors());
            double radius = 0;
            for (float[] template : student.descriptors()) {
                radius = Math.max(radius, Math.sqrt(squaredDistance(template, centroid)));
            }
            entries.add(new Entry(student.studentId(), centroid, student.descriptors().toArray(float[][]::new), radius));
            templates += student.descriptors().size();
        }
        snapshot = new Snapshot(entries.toArray(Entry[]::new), templates);
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
        return snapshot.students.length;
    }

    public int templates() {
        return snapshot.templates;
    }

    public Optional<Nearest> nearest(float[] descriptor) {
        if (descriptor.length != model.dimensions()) {
            throw new IllegalArgumentException("A " + descriptor.length + "-d descriptor cannot be searched in a gallery of "
                    + model.storedName() + " templates (" + model.dimensions() + "-d)");
        }
        Entry[] students = snapshot.students;
        int best = -1, runnerUp = -1;
        double bestDistance = Double.POSITIVE_INFINITY, runnerUpDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < students.length; i++) {
            Entry student = students[i];
            // The nearest template is at least (toCentroid - radius) away, so this student's distance is at
            // least toCentroid - radius / 2: most students are ruled out on a partial centroid distance alone.
            double ruledOutBeyond = runnerUpDistance + student.radius / 2;
            double squared = squaredDistance(descriptor, student.centroid, ruledOutBeyond * ruledOutBeyond);
            double toCentroid = Math.sqrt(squared);
            if (toCentroid - student.radius / 2 >= runnerUpDistance) {
                continue;
            }
            double distance = (toCentroid + nearestTemplate(descriptor, student.templates)) / 2;
            if (distance < bestDistance) {
                runnerUp = best;
                runnerUpDistance = bestDistance;
                best = i;
                bestDistance = distance;
            } else if (distance < runnerUpDistance) {
                runnerUp = i;
                runnerUpDistance = distance;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        return Optional.of(new Nearest(students[best].studentId, model.recognitionDistance(bestDistance),
                runnerUp < 0 ? null : students[runnerUp].studentId, model.recognitionDistance(runnerUpDistance)));
    }

    /**
     * The face's distance to every student, on the recognition scale, by student id: what a search
     * sees, without the pruning (evaluation fuses two descriptors' distances with it).
     */
    public Map<String, Double> distances(float[] descriptor) {
        Map<String, Double> distances = new LinkedHashMap<>();
        for (Entry student : snapshot.students) {
            double distance = (Math.sqrt(squaredDistance(descriptor, student.centroid))
                    + nearestTemplate(descriptor, student.templates)) / 2;
            distances.put(student.studentId, model.recognitionDistance(distance));
        }
        return distances;
    }

    private static double nearestTemplate(float[] descriptor, float[][] templates) {
        double nearest = Double.POSITIVE_INFINITY;
        for (float[] template : templates) {
            nearest = Math.min(nearest, squaredDistance(descriptor, template, nearest));
        }
        return Math.sqrt(nearest);
    }

    private static double squaredDistance(float[] a, float[] b) {
        return squaredDistance(a, b, Double.POSITIVE_INFINITY);
    }

    /** Stops summing once past {@code bound} (checked every 16 dimensions): the caller only needs to know that. */
    private static double squaredDistance(float[] a, float[] b, double bound) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            sum += diff * diff;
            if ((d & 15) == 15 && sum > bound) {
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
