package io.presenca.web;

import io.presenca.store.EnrollmentPhoto;
import io.presenca.store.EnrollmentPhotoStore;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * One small enrolled photo of a student, for the review queue to show beside the captured face (a person
 * cannot judge "is this Howard?" from one face and a name). Only a photo enrollment accepted, and only from
 * the student's own folder under FACES_DIR: a crafted id or a stored path leading elsewhere gets nothing.
 */
final class EnrolledPhotos {

    /** As FACES_DIR folder names are: no separators, no "..". */
    static final Pattern STUDENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** Longest side of the thumbnail: enough to recognise a face, small on a phone's data plan. */
    static final int SIDE = 160;

    private final Path facesDir;
    private final EnrollmentPhotoStore photos;

    EnrolledPhotos(Path facesDir, EnrollmentPhotoStore photos) {
        this.facesDir = facesDir.toAbsolutePath().normalize();
        this.photos = photos;
    }

    static boolean validId(String studentId) {
        return studentId != null && STUDENT_ID.matcher(studentId).matches() && !studentId.contains("..");
    }

    /** A JPEG thumbnail of the student's first accepted photo; empty when there is none (or the id is not valid). */
    Optional<byte[]> thumbnail(String studentId) {
        if (!validId(studentId)) {
            return Optional.empty();
        }
        Path folder = facesDir.resolve(studentId);
        return photos.all().stream()
                .filter(p -> p.studentId().equals(studentId) && p.status() == EnrollmentPhoto.Status.ACCEPTED)
                .map(p -> facesDir.resolve(p.path()).normalize()) // stored relative to FACES_DIR
                .filter(p -> p.startsWith(folder) && Files.isRegularFile(p))
                .min(Comparator.naturalOrder())
                .map(EnrolledPhotos::scaled);
    }

    private static byte[] scaled(Path photo) {
        try {
            BufferedImage image = ImageIO.read(photo.toFile());
            if (image == null) {
                throw new IllegalStateException("Enrolled photo " + photo.getFileName() + " is not an image ImageIO reads");
            }
            double scale = Math.min(1.0, (double) SIDE / Math.max(image.getWidth(), image.getHeight()));
            int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
            BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(small, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
