package io.presenca.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.Consent;
import io.presenca.store.ConsentStore;
import io.presenca.store.Database;
import io.presenca.store.StudentStore;
import io.presenca.store.TemplateStore;
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
    private final Gallery gallery = new Gallery();

    @Test
    void changesMadeByAnotherProcessAreReloadedAndNothingElseIs() {
        StudentStore students = new StudentStore(db);
        ConsentStore consents = new ConsentStore(db);
        for (String id : new String[] {"s1", "s2"}) {
            students.upsert(id, null, null);
            templates.add(id, "m", new float[] {1, 2, id.equals("s1") ? 3 : 4}, id + "/a.jpg", "sha-" + id, 1);
            consents.record(new Consent(id, "Maria", LocalDate.of(2026, 2, 1), null, null, Consent.FROM_FILE));
        }
        GalleryLoader loader = new GalleryLoader(templates, gallery, "m", true);
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
}
