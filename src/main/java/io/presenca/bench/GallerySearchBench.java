package io.presenca.bench;

import io.presenca.matching.Gallery;
import io.presenca.vision.DescriptorModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Gallery search cost with many students: synthetic unit-length descriptors, three templates per
 * student, probes near a random student (the common case at a door) and far from all (strangers).
 */
public final class GallerySearchBench {

    private static final int TEMPLATES_PER_STUDENT = 3;

    private GallerySearchBench() {
    }

    /** A gallery of {@code students} synthetic students, and the identities their templates scatter around. */
    public record Synthetic(Gallery gallery, List<float[]> identities) {
    }

    /** @param model the descriptor whose size and unit-length vectors the synthetic templates take */
    public static Synthetic gallery(int students, Random random, DescriptorModel model) {
        List<Gallery.StudentTemplates> enrolled = new ArrayList<>(students);
        List<float[]> identities = new ArrayList<>(students);
        for (int s = 0; s < students; s++) {
            float[] identity = randomUnit(random, model);
            identities.add(identity);
            List<float[]> templates = new ArrayList<>();
            for (int t = 0; t < TEMPLATES_PER_STUDENT; t++) {
                templates.add(near(identity, random));
            }
            enrolled.add(new Gallery.StudentTemplates("s" + s, templates));
        }
        Gallery gallery = new Gallery(model);
        gallery.replace(enrolled);
        return new Synthetic(gallery, identities);
    }

    /** Mean milliseconds per face searched against {@code students} students. */
    public static double msPerFace(int students, int probes, long seed, DescriptorModel model) {
        Random random = new Random(seed);
        Synthetic synthetic = gallery(students, random, model);
        Gallery gallery = synthetic.gallery();
        float[][] faces = new float[probes][];
        for (int p = 0; p < probes; p++) {
            faces[p] = p % 2 == 0 ? near(synthetic.identities().get(random.nextInt(students)), random) : randomUnit(random, model);
        }
        for (int warmUp = 0; warmUp < Math.min(200, probes); warmUp++) {
            gallery.nearest(faces[warmUp]);
        }
        long start = System.nanoTime();
        int found = 0;
        for (float[] face : faces) {
            found += gallery.nearest(face).isPresent() ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        if (found != probes) {
            throw new IllegalStateException("the gallery lost students during the benchmark");
        }
        return elapsed / 1e6 / probes;
    }

    /** Unit vectors of the model's size, templates of one student a few tenths apart. */
    private static float[] randomUnit(Random random, DescriptorModel model) {
        float[] d = new float[model.dimensions()];
        double norm = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian();
            norm += d[i] * d[i];
        }
        for (int i = 0; i < d.length; i++) {
            d[i] /= (float) Math.sqrt(norm);
        }
        return d;
    }

    private static float[] near(float[] identity, Random random) {
        float[] d = identity.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += (float) (random.nextGaussian() * 0.025);
        }
        return d;
    }
}
