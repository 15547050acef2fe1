package io.presenca.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GalleryTest {

    private static final int DIMENSIONS = 128;

    /** A descriptor that is zero everywhere except {@code value} at {@code index}. */
    static float[] axis(int index, float value) {
        float[] d = new float[DIMENSIONS];
        d[index] = value;
        return d;
    }

    private static Gallery.StudentTemplates student(String id, float[]... descriptors) {
        return new Gallery.StudentTemplates(id, List.of(descriptors));
    }

    @Test
    void emptyGalleryFindsNobody() {
        Gallery gallery = new Gallery();
        assertEquals(Optional.empty(), gallery.nearest(axis(0, 1)));
        assertEquals(0, gallery.students());
        assertEquals(0, gallery.templates());
    }

    @Test
    void nearestStudentAndRunnerUpWithTheirDistances() {
        Gallery gallery = new Gallery();
        gallery.replace(List.of(
                student("far", axis(2, 3f)),
                student("near", axis(0, 1f)),
                student("second", axis(1, 1f))));
        Gallery.Nearest nearest = gallery.nearest(axis(0, 0.8f)).orElseThrow();
        assertEquals("near", nearest.studentId());
        assertEquals(0.2, nearest.distance(), 1e-6);
        // runner-up "second": sqrt(0.8² + 1²)
        assertEquals(Math.hypot(0.8, 1), nearest.runnerUpDistance(), 1e-6);
    }

    @Test
    void singleStudentHasAnInfiniteRunnerUp() {
        Gallery gallery = new Gallery();
        gallery.replace(List.of(student("only", axis(0, 1f))));
        Gallery.Nearest nearest = gallery.nearest(axis(0, 1f)).orElseThrow();
        assertEquals("only", nearest.studentId());
        assertEquals(0, nearest.distance(), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, nearest.runnerUpDistance());
    }

    @Test
    void aStudentsDistanceIsTheMeanOfTheDistancesToTheirCentroidAndToTheirNearestTemplate() {
        Gallery gallery = new Gallery();
        // centroid of amy's three templates is (1, 1, 1, 0...)
        float[] a = new float[DIMENSIONS], b = new float[DIMENSIONS], c = new float[DIMENSIONS];
        a[0] = 3; b[1] = 3; c[2] = 3;
        gallery.replace(List.of(student("amy", a, b, c), student("bob", axis(5, 1f))));
        assertEquals(2, gallery.students());
        assertEquals(4, gallery.templates());
        float[] centre = new float[DIMENSIONS];
        centre[0] = 1; centre[1] = 1; centre[2] = 1;
        Gallery.Nearest nearest = gallery.nearest(centre).orElseThrow();
        assertEquals("amy", nearest.studentId());
        // 0 to the centroid, sqrt(4 + 1 + 1) to each template
        assertEquals(Math.sqrt(6) / 2, nearest.distance(), 1e-6);
        // on a template: sqrt(6) to the centroid, 0 to the template itself
        assertEquals(Math.sqrt(6) / 2, gallery.nearest(a).orElseThrow().distance(), 1e-6);
        // bob's template sees amy as runner-up: sqrt(4) to her centroid, sqrt(10) to her templates
        Gallery.Nearest fromBob = gallery.nearest(axis(5, 1f)).orElseThrow();
        assertEquals("amy", fromBob.runnerUpId());
        assertEquals((Math.sqrt(4) + Math.sqrt(10)) / 2, fromBob.runnerUpDistance(), 1e-6);
    }

    @Test
    void studentsWithoutTemplatesAreLeftOut() {
        Gallery gallery = new Gallery();
        gallery.replace(List.of(new Gallery.StudentTemplates("nobody", List.of()), student("amy", axis(0, 1f))));
        assertEquals(1, gallery.students());
        assertEquals("amy", gallery.nearest(axis(1, 1f)).orElseThrow().studentId());
    }

    @Test
    void groupKeepsTemplatesTogetherInFirstAppearanceOrder() {
        List<Gallery.StudentTemplates> grouped = Gallery.group(List.of(
                Map.entry("b", axis(0, 1f)), Map.entry("a", axis(1, 1f)), Map.entry("b", axis(2, 1f))));
        assertEquals(List.of("b", "a"), grouped.stream().map(Gallery.StudentTemplates::studentId).toList());
        assertEquals(2, grouped.get(0).descriptors().size());
    }

    @Test
    void readersNeverSeeAHalfReplacedGallery() throws Exception {
        // Two galleries over the same ids with different geometry: a reader must always get one
        // gallery's whole answer (id, distance and runner-up), never a mix of both.
        List<Gallery.StudentTemplates> first = List.of(student("x", axis(0, 1f)), student("y", axis(1, 2f)));
        List<Gallery.StudentTemplates> second = List.of(student("y", axis(0, 0.5f)), student("x", axis(1, 4f)));
        float[] probe = axis(0, 1f);
        Gallery gallery = new Gallery();
        gallery.replace(first);
        Gallery.Nearest fromFirst = gallery.nearest(probe).orElseThrow();
        gallery.replace(second);
        Gallery.Nearest fromSecond = gallery.nearest(probe).orElseThrow();
        assertFalse(fromFirst.equals(fromSecond));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> mixed = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    Gallery.Nearest n = gallery.nearest(probe).orElse(null);
                    if (n == null || !(n.equals(fromFirst) || n.equals(fromSecond))) {
                        mixed.compareAndSet(null, String.valueOf(n));
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (int i = 0; i < 20_000; i++) {
            gallery.replace(i % 2 == 0 ? first : second);
        }
        stop.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertEquals(null, mixed.get(), "a reader saw a mixed gallery");
        assertTrue(gallery.students() == 2);
    }

    @Test
    void skippingFarStudentsNeverChangesTheAnswer() {
        java.util.Random random = new java.util.Random(7);
        List<Gallery.StudentTemplates> students = new java.util.ArrayList<>();
        for (int s = 0; s < 300; s++) {
            List<float[]> templates = new java.util.ArrayList<>();
            for (int t = 0; t < 1 + s % 3; t++) {
                float[] d = new float[DIMENSIONS];
                for (int i = 0; i < DIMENSIONS; i++) {
                    d[i] = (float) (random.nextGaussian() * 0.05 + (i == s % DIMENSIONS ? 1 : 0));
                }
                templates.add(d);
            }
            students.add(new Gallery.StudentTemplates("s" + s, templates));
        }
        Gallery gallery = new Gallery();
        gallery.replace(students);
        for (int p = 0; p < 200; p++) {
            float[] probe = students.get(random.nextInt(300)).descriptors().get(0).clone();
            for (int i = 0; i < DIMENSIONS; i++) {
                probe[i] += (float) (random.nextGaussian() * 0.05);
            }
            double[] exhaustive = students.stream().mapToDouble(s -> bruteForceDistance(probe, s.descriptors())).sorted()
                    .limit(2).toArray();
            Gallery.Nearest nearest = gallery.nearest(probe).orElseThrow();
            assertEquals(exhaustive[0], nearest.distance(), 1e-5);
            assertEquals(exhaustive[1], nearest.runnerUpDistance(), 1e-5);
        }
    }

    private static double bruteForceDistance(float[] probe, List<float[]> templates) {
        float[] centroid = new float[DIMENSIONS];
        double nearest = Double.MAX_VALUE;
        for (float[] t : templates) {
            double squared = 0;
            for (int i = 0; i < DIMENSIONS; i++) {
                centroid[i] += t[i] / templates.size();
                squared += (probe[i] - t[i]) * (probe[i] - t[i]);
            }
            nearest = Math.min(nearest, Math.sqrt(squared));
        }
        double squared = 0;
        for (int i = 0; i < DIMENSIONS; i++) {
            squared += (probe[i] - centroid[i]) * (probe[i] - centroid[i]);
        }
        return (Math.sqrt(squared) + nearest) / 2;
    }
}
