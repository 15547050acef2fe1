package io.presenca.vision;

/**
 * Where an aligned face chip puts YuNet's five landmarks (right eye, left eye, nose tip, right and left
 * mouth corner; x, y pairs) and how large it is: each descriptor was trained on chips of its own layout.
 */
public record ChipLayout(int size, double[] reference) {

    /** dlib's mean face at padding 0.25 (shared models README, "Alignment"); also the quality gate's chip. */
    public static final ChipLayout DLIB_150 = new ChipLayout(150, new double[] {
        47.55, 46.60, 100.48, 46.60, 74.01, 76.56, 50.41, 103.02, 97.61, 103.02,
    });

    /** The reference points of face-reidentification-retail-0095's model card, scaled to 128 px. */
    public static final ChipLayout OMZ_128 = new ChipLayout(128, new double[] {
        40.39, 59.08, 87.38, 59.08, 64.03, 81.98, 44.73, 105.56, 83.64, 105.56,
    });
}
