package io.presenca.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.Consent;
import io.presenca.store.ConsentStore;
import io.presenca.store.Database;
import io.presenca.store.StudentStore;
import io.presenca.store.TemplateStore;
import io.presenca.vision.DescriptorModel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A running gateway notices templates removed by another process (a consent withdrawn or a student
 * erased from the command line) at its next rescan, and only reloads when something changed.
 */
class GalleryLoaderTest {

    private final Database db = Database.open(Path.of("target", "test-data", UUID.randomUUID().toString(), "a.db"));
    private final TemplateStore templates = new TemplateStore(db);
    private final Gallery gallery = new Gallery(DescriptorModel.DLIB);
    private static final String DLIB = DescriptorModel.DLIB.storedName();

    @Test
    void changesMadeByAnotherProcessAreReloadedAndNothingElseIs() {
        StudentStore students = new StudentStore(db);
        ConsentStore consents = new ConsentStore(db);
        for (String id : new String[] {"s1", "s2"}) {
            students.upsert(id, null, null);
            templates.add(id, DLIB, GalleryTest.axis(id.equals("s1") ? 0 : 1, 1f), id + "/a.jpg", "sha-" + id, 1);
            consents.record(new Consent(id, "Maria", LocalDate.of(2026, 2, 1), null, null, Consent.FROM_FILE));
        }
        GalleryLoader loader = new GalleryLoader(templates, gallery, true);
        assertEquals(2, loader.reload().students());
        assertFalse(loader.reloadIfStoreChanged(), "nothing changed");

        // what `consent s1 --revoke` does in another process
        Database other = Database.open(db.file());
        new ConsentStore(other).record(new Consent("s1", "Maria", LocalDate.of(2026, 2, 1), null,
                LocalDate.of(2026, 6, 1), Consent.FROM_COMMAND));
        assertTrue(loader.reloadIfStoreChanged());
        assertEquals(1, gallery.students(), "s1 is no longer matched");
        assertFalse(loader.reloadIfStoreChanged());

        new TemplateStore(other).removeForStudent("s2");
        assertTrue(loader.reloadIfStoreChanged());
        assertEquals(0, gallery.students());
    }

    @Test
    void onlyTemplatesOfTheGallerysOwnModelAndSizeAreEverCompared() {
        StudentStore students = new StudentStore(db);
        students.upsert("dlib-only", null, null);
        students.upsert("omz-enrolled", null, null);
        students.upsert("mislabelled", null, null);
        float[] omzFace = unit(256, 3);
        // the dlib template lies at distance 0 from the probe's first 128 values: it must still never be compared
        templates.add("dlib-only", DLIB, java.util.Arrays.copyOf(omzFace, 128), "dlib-only/a.jpg", "a", 1);
        templates.add("omz-enrolled", DescriptorModel.OMZ.storedName(), unit(256, 7), "omz-enrolled/a.jpg", "b", 1);
        templates.add("mislabelled", DescriptorModel.OMZ.storedName(), java.util.Arrays.copyOf(omzFace, 128),
                "mislabelled/a.jpg", "c", 1);

        Gallery omz = new GalleryLoader(templates, new Gallery(DescriptorModel.OMZ)).reload();

        assertEquals(1, omz.students(), "only the omz template of the right size is loaded");
        Gallery.Nearest nearest = omz.nearest(omzFace).orElseThrow();
        assertEquals("omz-enrolled", nearest.studentId());
        assertEquals(null, nearest.runnerUpId());
        assertEquals(1, new GalleryLoader(templates, new Gallery(DescriptorModel.DLIB)).reload().students(),
                "the dlib gallery sees only the dlib template");
    }

    private static float[] unit(int dimensions, int axis) {
        float[] d = new float[dimensions];
        d[axis] = 1;
        return d;
    }
}
