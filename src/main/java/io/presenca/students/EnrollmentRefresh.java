package io.presenca.students;

import io.presenca.matching.Gallery;
import io.presenca.matching.GalleryLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gallery in step with FACES_DIR: enrolls at start, then on every rescan processes only
 * the photos that changed, and reloads the in-memory gallery when anything did.
 */
public final class EnrollmentRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentRefresh.class);

    private final Enrollment enrollment;
    private final GalleryLoader galleryLoader;

    public EnrollmentRefresh(Enrollment enrollment, GalleryLoader galleryLoader) {
        this.enrollment = enrollment;
        this.galleryLoader = galleryLoader;
    }

    /** Full report in the log, then the gallery from everything stored (including earlier runs). */
    public void enrollAtStart() {
        EnrollmentReport report = enrollment.run();
        LOG.info("Enrollment of {}:{}{}", enrollment.facesDir().toAbsolutePath(), System.lineSeparator(), printed(report));
        logGallery(galleryLoader.reload());
    }

    /** Timer-route step: re-enroll changed photos; quiet when nothing changed. */
    public void rescan() {
        EnrollmentReport report = enrollment.run();
        if (report.changed()) {
            LOG.info("Enrollment photos changed:{}{}", System.lineSeparator(), printed(report));
            logGallery(galleryLoader.reload());
        } else if (galleryLoader.reloadIfStoreChanged()) {
            LOG.info("Templates changed in the database (consent withdrawn or a student erased): gallery reloaded");
            logGallery(galleryLoader.gallery());
        }
    }

    private static void logGallery(Gallery gallery) {
        if (gallery.students() == 0) {
            LOG.warn("No student can be recognised yet: put photos in FACES_DIR/<student_id>/ (see README, Enrollment)");
        } else {
            LOG.info("Recognising {} students from {} templates", gallery.students(), gallery.templates());
        }
    }

    private static String printed(EnrollmentReport report) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        report.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8).stripTrailing();
    }
}
