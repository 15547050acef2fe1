package io.presenca.vision;

import io.presenca.camera.ImageFiles;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reads the one face of an enrollment or evaluation photo. The subject is the only face covering the
 * photo's centre (photos are framed on their subject; other faces are cut at the edges), or else a
 * clearly dominant face over smaller background faces. Two faces of similar size with none at the
 * centre are refused: nobody can tell which of them is the student.
 */
public final class PhotoFaceReader {

    /** A second face at least this share of the largest one's size makes the photo ambiguous. */
    private static final double AMBIGUOUS_SIZE_RATIO = 0.6;

    private final FaceDetector detector;
    private final FaceAligner aligner;
    private final QualityGate qualityGate;
    private final FaceEmbedder embedder;
    private final boolean guessWhenAmbiguous;

    public PhotoFaceReader(FaceDetector detector, FaceAligner aligner, QualityGate qualityGate, FaceEmbedder embedder) {
        this(detector, aligner, qualityGate, embedder, false);
    }

    /**
     * @param guessWhenAmbiguous take the face nearest the centre instead of refusing a photo with several
     *                           faces of similar size: right for benchmark photos, wrong for enrollment
     */
    public PhotoFaceReader(FaceDetector detector, FaceAligner aligner, QualityGate qualityGate, FaceEmbedder embedder,
                           boolean guessWhenAmbiguous) {
        this.detector = detector;
        this.aligner = aligner;
        this.qualityGate = qualityGate;
        this.embedder = embedder;
        if (!aligner.descriptorLayout().equals(embedder.model().layout())) {
            throw new IllegalArgumentException("The aligner cuts chips for another descriptor than " + embedder.model());
        }
        this.guessWhenAmbiguous = guessWhenAmbiguous;
    }

    /** The model whose descriptors this reader makes. */
    public DescriptorModel descriptorModel() {
        return embedder.model();
    }

    public PhotoFace read(Path photo) {
        try (Mat image = ImageFiles.decode(photo)) {
            return read(image);
        } catch (ImageFiles.UnreadableImageException e) {
            return PhotoFace.rejected(PhotoFace.Outcome.UNREADABLE, e.getMessage(), 0, null);
        }
    }

    private static DetectedFace subject(List<DetectedFace> faces, float centreX, float centreY) {
        List<DetectedFace> atCentre = faces.stream().filter(f -> f.x() <= centreX && centreX <= f.x() + f.width()
                && f.y() <= centreY && centreY <= f.y() + f.height()).toList();
        if (atCentre.size() == 1) {
            return atCentre.get(0);
        }
        List<DetectedFace> bySize = faces.stream().sorted(Comparator.comparingDouble(DetectedFace::size).reversed()).toList();
        if (bySize.size() > 1 && bySize.get(1).size() >= AMBIGUOUS_SIZE_RATIO * bySize.get(0).size()) {
            return null;
        }
        return bySize.get(0);
    }

    private static DetectedFace nearestTo(List<DetectedFace> faces, float x, float y) {
        return faces.stream().min(Comparator.comparingDouble(
                f -> Math.hypot(f.x() + f.width() / 2 - x, f.y() + f.height() / 2 - y))).orElseThrow();
    }

    public PhotoFace read(Mat image) {
        List<DetectedFace> faces = detector.detectInPhoto(image);
        if (faces.isEmpty()) {
            return PhotoFace.rejected(PhotoFace.Outcome.NO_FACE, "no face found", 0, null);
        }
        DetectedFace face = subject(faces, image.cols() / 2f, image.rows() / 2f);
        if (face == null && guessWhenAmbiguous) {
            face = nearestTo(faces, image.cols() / 2f, image.rows() / 2f);
        }
        if (face == null) {
            return PhotoFace.rejected(PhotoFace.Outcome.SEVERAL_FACES,
                    faces.size() + " faces of similar size: use a photo of the student alone", faces.size(), null);
        }
        try (Mat chip = aligner.align(image, face)) {
            FaceQuality quality = qualityGate.assess(face, chip);
            if (!quality.accepted()) {
                return PhotoFace.rejected(PhotoFace.Outcome.POOR_QUALITY, quality.describe(qualityGate.limits()),
                        faces.size(), quality);
            }
            try (Mat descriptorChip = aligner.alignForDescriptor(image, face)) {
                float[] descriptor = embedder.describe(List.of(descriptorChip))[0];
                return new PhotoFace(PhotoFace.Outcome.ACCEPTED, "ok", faces.size(), quality, descriptor);
            }
        }
    }
}
