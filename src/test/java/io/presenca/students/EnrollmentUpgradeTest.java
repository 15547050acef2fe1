package io.presenca.students;

import static io.presenca.students.EnrollmentFixtures.AGEITGEY;
import static io.presenca.students.EnrollmentFixtures.copyTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.matching.Gallery;
import io.presenca.matching.GalleryLoader;
import io.presenca.store.Database;
import io.presenca.store.StoredTemplate;
import io.presenca.store.TemplateStore;
import io.presenca.vision.DescriptorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An installation enrolled with dlib, restarted with DESCRIPTORS=omz: its photos get omz templates at
 * start without anybody re-enrolling, and matching uses only those.
 */
class EnrollmentUpgradeTest {

    @Test
    void aDlibOnlyDatabaseGainsOmzTemplatesFromThePhotosAtStartWithProgress() throws Exception {
        Path root = EnrollmentFixtures.freshFolder();
        Path faces = Files.createDirectories(root.resolve("faces"));
        copyTree(AGEITGEY.resolve("obama"), faces.resolve("obama"));
        copyTree(AGEITGEY.resolve("biden"), faces.resolve("biden"));
        Database db = Database.open(root.resolve("attendance.db"));
        TemplateStore templates = new TemplateStore(db);

        EnrollmentReport before = new Enrollment(faces, EnrollmentFixtures.reader(DescriptorModel.DLIB), db).run();
        int photos = before.accepted();
        assertTrue(photos >= 5, before.summary());
        List<StoredTemplate> dlib = templates.activeTemplates(DescriptorModel.DLIB.storedName());
        assertEquals(photos, dlib.size());
        assertEquals(0, templates.activeTemplates(DescriptorModel.OMZ.storedName()).size());

        EnrollmentReport upgrade;
        try (LogCapture log = new LogCapture(Enrollment.class)) {
            upgrade = new Enrollment(faces, EnrollmentFixtures.reader(DescriptorModel.OMZ), db).run();
            assertTrue(log.messages(Level.INFO).contains("Enrollment: describing " + photos + " photos with omz: "
                    + photos + "/" + photos), log.messages(Level.INFO).toString());
        }

        assertEquals(photos, upgrade.described(), upgrade.summary());
        assertEquals(photos, upgrade.unchanged(), "no photo was enrolled again: " + upgrade.summary());
        assertTrue(upgrade.changed(), "the gallery must be reloaded");
        List<StoredTemplate> omz = templates.activeTemplates(DescriptorModel.OMZ.storedName());
        assertEquals(Map.of("obama", countOf(dlib, "obama"), "biden", countOf(dlib, "biden")), perStudent(omz),
                "one omz template per photo that had a dlib one");
        assertTrue(omz.stream().allMatch(t -> t.descriptor().length == 256));
        assertEquals(dlib.size(), templates.activeTemplates(DescriptorModel.DLIB.storedName()).size(),
                "the dlib templates stay (DESCRIPTORS=dlib still works) but are never loaded for omz");

        Gallery gallery = new GalleryLoader(templates, new Gallery(DescriptorModel.OMZ)).reload();
        assertEquals(2, gallery.students());
        assertEquals(photos, gallery.templates());
        assertEquals("obama", gallery.nearest(omz.stream().filter(t -> t.studentId().equals("obama"))
                .findFirst().orElseThrow().descriptor()).orElseThrow().studentId());

        EnrollmentReport again = new Enrollment(faces, EnrollmentFixtures.reader(DescriptorModel.OMZ), db).run();
        assertEquals(0, again.described(), "nothing left to describe");
        assertFalse(again.changed(), again.summary());
    }

    private static long countOf(List<StoredTemplate> templates, String student) {
        return templates.stream().filter(t -> t.studentId().equals(student)).count();
    }

    private static Map<String, Long> perStudent(List<StoredTemplate> templates) {
        return templates.stream().collect(Collectors.groupingBy(StoredTemplate::studentId, Collectors.counting()));
    }
}
