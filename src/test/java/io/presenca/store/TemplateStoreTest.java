package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemplateStoreTest {
    private static final String MODEL = "dlib-resnet29";

    private final Database db = Database.open(TestFiles.freshDatabaseFile());
    private final StudentStore students = new StudentStore(db);
    private final TemplateStore templates = new TemplateStore(db);

    @Test
    void descriptorsReadBackBitForBit() {
        float[] descriptor = new float[128];
        Random random = new Random(42);
        for (int i = 0; i < descriptor.length; i++) {
            descriptor[i] = (float) random.nextGaussian();
        }
        descriptor[0] = -0.0f;
        descriptor[1] = Float.MIN_VALUE;
        descriptor[2] = Float.MAX_VALUE;
        descriptor[3] = Float.NaN;
        students.upsert("s1", "Ana", "5A");

        templates.add("s1", MODEL, descriptor, "enroll/s1/a.jpg", "sha-a", 0.9);

        float[] stored = templates.activeTemplates(MODEL).get(0).descriptor();
        assertEquals(descriptor.length, stored.length);
        for (int i = 0; i < descriptor.length; i++) {
            assertEquals(Float.floatToRawIntBits(descriptor[i]), Float.floatToRawIntBits(stored[i]), "index " + i);
        }
    }

    @Test
    void descriptorsAreFloat32LittleEndian() {
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f}, DescriptorCodec.encode(new float[] {1.0f}));
    }

    @Test
    void theSamePhotoContentIsStoredOnce() {
        students.upsert("s1", "Ana", "5A");

        assertTrue(templates.add("s1", MODEL, new float[] {1, 2}, "a.jpg", "sha-a", 0.9));
        assertFalse(templates.add("s1", MODEL, new float[] {1, 2}, "a-copy.jpg", "sha-a", 0.9));

        assertEquals(1, templates.activeTemplates(MODEL).size());
    }

    @Test
    void softDeletedStudentsAreNotMatched() {
        students.upsert("s1", "Ana", "5A");
        students.upsert("s2", "Bruno", "5A");
        templates.add("s1", MODEL, new float[] {1}, "s1.jpg", "sha-1", 0.9);
        templates.add("s2", MODEL, new float[] {2}, "s2.jpg", "sha-2", 0.9);

        students.softDelete("s1");

        List<StoredTemplate> active = templates.activeTemplates(MODEL);
        assertEquals(List.of("s2"), active.stream().map(StoredTemplate::studentId).toList());
    }

    @Test
    void templatesAreSeparatedByModelAndRemovedByPhoto() {
        students.upsert("s1", "Ana", "5A");
        templates.add("s1", MODEL, new float[] {1}, "a.jpg", "sha-a", 0.9);
        templates.add("s1", "other-model", new float[] {1}, "a.jpg", "sha-a", 0.9);
        templates.add("s1", MODEL, new float[] {2}, "b.jpg", "sha-b", 0.9);

        assertEquals(2, templates.removeForPhoto("a.jpg"));

        assertEquals(1, templates.activeTemplates(MODEL).size());
        assertEquals(0, templates.activeTemplates("other-model").size());
    }
}
