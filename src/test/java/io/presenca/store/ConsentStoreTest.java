package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentStoreTest {

    private static final LocalDate FEB = LocalDate.of(2026, 2, 1);
    private static final LocalDate MAY = LocalDate.of(2026, 5, 1);

    private final Database db = Database.open(TestFiles.freshDatabaseFile());
    private final ConsentStore consents = new ConsentStore(db);

    private static Consent given(LocalDate on, String source) {
        return new Consent("s1", "Maria (mother)", on, "attendance", null, source);
    }

    @Test
    void aWithdrawalIsNotUndoneByAnOlderGrantOnlyByOneGivenAgainSince() {
        assertFalse(consents.inForce("s1"), "no record, no consent");
        assertTrue(consents.mayMatch("s1", false), "REQUIRE_CONSENT=false: no record is no objection");
        assertFalse(consents.mayMatch("s1", true));
        assertTrue(consents.record(given(FEB, Consent.FROM_FILE)));
        assertTrue(consents.inForce("s1"));
        assertFalse(consents.record(given(FEB, Consent.FROM_FILE)), "the same terms again change nothing");

        assertTrue(consents.record(new Consent("s1", "Maria (mother)", FEB, "attendance", MAY, Consent.FROM_COMMAND)));
        assertFalse(consents.inForce("s1"));
        assertEquals(List.of("s1"), consents.revoked());
        assertFalse(consents.mayMatch("s1", false), "a withdrawal stops matching whatever REQUIRE_CONSENT says");

        assertFalse(consents.record(given(FEB, Consent.FROM_CENTRAL)), "the file or central row still saying February");
        assertFalse(consents.inForce("s1"));
        assertTrue(consents.record(given(MAY.plusDays(3), Consent.FROM_COMMAND)), "given again after the withdrawal");
        assertTrue(consents.inForce("s1"));
        assertEquals(List.of(), consents.revoked());
    }

    @Test
    void onlyMatchableTemplatesAreLoadedAndTheFingerprintFollowsThem() {
        StudentStore students = new StudentStore(db);
        TemplateStore templates = new TemplateStore(db);
        students.upsert("s1", null, null);
        students.upsert("s2", null, null);
        templates.add("s1", "m", new float[] {1, 2}, "s1/a.jpg", "a", 1);
        templates.add("s2", "m", new float[] {3, 4}, "s2/a.jpg", "b", 1);
        consents.record(given(FEB, Consent.FROM_FILE));

        assertEquals(2, templates.activeTemplates("m").size(), "REQUIRE_CONSENT=false: s2 without a record is matched");
        assertEquals(List.of("s1"), templates.activeTemplates("m", true).stream().map(StoredTemplate::studentId).toList());
        String before = templates.activeFingerprint("m", false);

        consents.record(new Consent("s1", "Maria (mother)", FEB, null, MAY, Consent.FROM_COMMAND));
        assertEquals(List.of("s2"), templates.activeTemplates("m", false).stream().map(StoredTemplate::studentId).toList(),
                "withdrawn consent is never matched, whatever REQUIRE_CONSENT says");
        assertFalse(before.equals(templates.activeFingerprint("m", false)));
    }
}
