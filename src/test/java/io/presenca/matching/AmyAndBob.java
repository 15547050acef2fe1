package io.presenca.matching;

import java.util.List;

/** A two-student gallery with synthetic descriptors, for tests of whatever matches faces against it. */
public final class AmyAndBob {

    private AmyAndBob() {
    }

    /** amy's single template lies on axis 0, bob's on axis 1: they are 1.41 apart. */
    public static Gallery gallery() {
        Gallery gallery = new Gallery();
        gallery.replace(List.of(
                new Gallery.StudentTemplates("amy", List.of(axis(0, 1f))),
                new Gallery.StudentTemplates("bob", List.of(axis(1, 1f)))));
        return gallery;
    }

    /** amy's template moved {@code distance} along another axis: exactly that far from her centroid. */
    public static float[] amyAt(double distance) {
        float[] d = axis(0, 1f);
        d[10] = (float) distance;
        return d;
    }

    /** bob himself. */
    public static float[] bob() {
        return axis(1, 1f);
    }

    static float[] axis(int index, float value) {
        return GalleryTest.axis(index, value);
    }
}
