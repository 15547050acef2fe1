package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.DescriptorCodec;
import io.presenca.store.Sql;
import io.presenca.store.StoredTemplate;
import io.presenca.store.StudentStore;
import io.presenca.store.TemplateStore;
import io.presenca.vision.DescriptorModel;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Students and templates changed in the central PostgreSQL reach the gateway, and only those. */
@Timeout(120)
class StudentSyncTest {

    private static final String MODEL = DescriptorModel.DLIB.storedName();

    private SyncFixture gateway;
    private StudentStore students;
    private TemplateStore templates;

    @BeforeEach
    void start() throws Exception {
        gateway = new SyncFixture();
        gateway.startManual().centralDatabase().checkReady();
        students = new StudentStore(gateway.db);
        templates = new TemplateStore(gateway.db);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private void central(String sql, Object... params) throws Exception {
        try (Connection c = gateway.pg.connect(gateway.pgDb)) {
            Sql.update(c, sql, params);
        }
    }

    private static float[] descriptor(float seed) {
        float[] d = new float[128];
        for (int i = 0; i < d.length; i++) {
            d[i] = seed + i / 1000f;
        }
        return d;
    }

    /** The school's database holds Ana and Leo, each with one template. */
    private void anaAndLeoWithOneTemplateEach() throws Exception {
        central("INSERT INTO students (id, name) VALUES ('s-ana', 'Ana'), ('s-leo', 'Leo')");
        central("INSERT INTO face_templates (id, student_id, model, descriptor) VALUES ('t1', 's-ana', ?, ?),"
                + " ('t2', 's-leo', ?, ?)", MODEL, DescriptorCodec.encode(descriptor(0.1f)), MODEL,
                DescriptorCodec.encode(descriptor(0.2f)));
    }

    @Test
    void newStudentsAndTheirTemplatesArriveAndCanBeMatched() throws Exception {
        central("INSERT INTO students (id, name, class_name) VALUES ('s-ana', 'Ana Souza', '5A'), ('s-bia', NULL, '5B')");
        central("INSERT INTO face_templates (id, student_id, model, descriptor) VALUES ('t1', 's-ana', ?, ?),"
                + " ('t2', 's-bia', ?, ?), ('t3', 's-bia', 'some-other-model', ?)",
                MODEL, DescriptorCodec.encode(descriptor(0.1f)), MODEL, DescriptorCodec.encode(descriptor(0.2f)),
                DescriptorCodec.encode(descriptor(0.3f)));

        gateway.syncStudents();

        assertEquals("Ana Souza", students.find("s-ana").orElseThrow().name());
        assertTrue(students.find("s-bia").orElseThrow().active());
        List<StoredTemplate> usable = templates.activeTemplates(MODEL);
        assertEquals(List.of("s-ana", "s-bia"), usable.stream().map(StoredTemplate::studentId).toList());
        assertArrayEquals(descriptor(0.1f), usable.get(0).descriptor());
        assertEquals(2, gateway.gallery.students(), "the gallery was reloaded");
        assertEquals(1, templates.activeTemplates("some-other-model").size(), "kept, but not matched by this model");

        gateway.syncStudents(); // nothing changed centrally: nothing changes here
        assertEquals(usable.stream().map(StoredTemplate::id).toList(),
                templates.activeTemplates(MODEL).stream().map(StoredTemplate::id).toList());
    }

    @Test
    void aRescanWithoutStudentJsonKeepsTheCentralNameAndClass() throws Exception {
        central("INSERT INTO students (id, name, class_name) VALUES ('s-ana', 'Ana Souza', '5A')");
        gateway.syncStudents();

        students.upsert("s-ana", null, null); // what enrollment does at start for a folder without student.json
        gateway.syncStudents(); // nothing changed centrally: nothing is read again to repair it

        assertEquals(new io.presenca.store.Student("s-ana", "Ana Souza", "5A", true), students.find("s-ana").orElseThrow());
    }

    @Test
    void aChangeCommittedAfterALaterOneIsReadNextTimeAndNothingIsReadTwice() throws Exception {
        anaAndLeoWithOneTemplateEach();
        gateway.syncStudents();
        try (Connection early = gateway.pg.connect(gateway.pgDb); Connection late = gateway.pg.connect(gateway.pgDb)) {
            early.setAutoCommit(false);
            late.setAutoCommit(false);
            Sql.update(early, "UPDATE students SET name = 'Ana Souza' WHERE id = 's-ana'"); // the earlier change...
            Sql.update(late, "UPDATE students SET name = 'Leo Lima' WHERE id = 's-leo'");
            late.commit();
            gateway.syncStudents();
            assertEquals("Leo Lima", students.find("s-leo").orElseThrow().name());
            assertEquals("Ana", students.find("s-ana").orElseThrow().name(), "not committed yet");
            early.commit(); // ...commits last
        }

        CentralStudents.Changes next = centralChanges();
        assertEquals(List.of("s-ana"), next.students().stream().map(io.presenca.store.CentralStudent::id).toList(),
                "the late commit is read, Leo's change is not read again");
        assertEquals(List.of("t1"), next.templates().stream().map(io.presenca.store.CentralTemplate::id).toList());
        gateway.syncStudents();
        assertEquals("Ana Souza", students.find("s-ana").orElseThrow().name());

        CentralStudents.Changes none = centralChanges();
        assertTrue(none.students().isEmpty() && none.templates().isEmpty(), "nothing new, nothing read: " + none);
    }

    /** What the next student sync would read, without applying it. */
    private CentralStudents.Changes centralChanges() {
        return new CentralStudents(new CentralDatabase(gateway.settings()),
                new io.presenca.store.CentralCopyStore(gateway.db)).changesSinceLastSync();
    }

    @Test
    void studentsDeletedCentrallyStopMatchingEvenWithLocalPhotos() throws Exception {
        anaAndLeoWithOneTemplateEach();
        gateway.syncStudents();
        assertEquals(2, gateway.gallery.students());

        central("UPDATE students SET deleted_at = now() WHERE id = 's-leo'");
        central("UPDATE students SET name = 'Ana Souza' WHERE id = 's-ana'");
        gateway.syncStudents();

        assertFalse(students.find("s-leo").orElseThrow().active());
        assertEquals("Ana Souza", students.find("s-ana").orElseThrow().name());
        assertEquals(List.of("s-ana"), templates.activeTemplates(MODEL).stream().map(StoredTemplate::studentId).toList());
        assertEquals(1, gateway.gallery.students());

        students.upsert("s-leo", "Leo", null); // what enrollment does for a folder still in FACES_DIR
        assertFalse(students.find("s-leo").orElseThrow().active(), "local photos do not bring a deleted student back");

        central("UPDATE students SET deleted_at = NULL WHERE id = 's-leo'"); // re-enrolled at school
        central("UPDATE face_templates SET deleted_at = now() WHERE id = 't1'");
        gateway.syncStudents();
        assertEquals(List.of("s-leo"), templates.activeTemplates(MODEL).stream().map(StoredTemplate::studentId).toList());
    }

    @Test
    void consentKeptCentrallyArrivesAndItsWithdrawalStopsMatchingAtOnce() throws Exception {
        central("INSERT INTO students (id, name, consent_given_by, consent_given_on, consent_scope)"
                + " VALUES ('s-ana', 'Ana', 'Maria (mother)', '2026-02-01', 'attendance'), ('s-leo', 'Leo', NULL, NULL, NULL)");
        central("INSERT INTO face_templates (id, student_id, model, descriptor) VALUES ('t1', 's-ana', ?, ?),"
                + " ('t2', 's-leo', ?, ?)", MODEL, DescriptorCodec.encode(descriptor(0.1f)), MODEL,
                DescriptorCodec.encode(descriptor(0.2f)));
        gateway.syncStudents();
        io.presenca.store.ConsentStore consents = new io.presenca.store.ConsentStore(gateway.db);
        assertEquals(new io.presenca.store.Consent("s-ana", "Maria (mother)", java.time.LocalDate.of(2026, 2, 1),
                "attendance", null, io.presenca.store.Consent.FROM_CENTRAL), consents.find("s-ana").orElseThrow());
        assertFalse(consents.find("s-leo").isPresent(), "no consent columns set: nothing said");
        assertEquals(List.of("s-ana"), templates.activeTemplates(MODEL, true).stream().map(StoredTemplate::studentId).toList(),
                "REQUIRE_CONSENT matches only Ana");

        central("UPDATE students SET consent_revoked_on = '2026-06-01' WHERE id = 's-ana'");
        gateway.syncStudents();
        assertFalse(consents.inForce("s-ana"));
        assertEquals(List.of("s-leo"), templates.activeTemplates(MODEL).stream().map(StoredTemplate::studentId).toList(),
                "Ana's templates are gone");
        assertEquals(1, gateway.gallery.students(), "and the gallery reloaded without her");

        central("UPDATE face_templates SET descriptor = ? WHERE id = 't1'", DescriptorCodec.encode(descriptor(0.4f)));
        gateway.syncStudents();
        assertEquals(List.of("s-leo"), templates.activeTemplates(MODEL).stream().map(StoredTemplate::studentId).toList(),
                "a changed central template does not bring a withdrawn student back");
    }

    @Test
    void eraseRemovesTheCentralTemplatesAndTheCentralAttendanceAsErasePolicySays() throws Exception {
        anaAndLeoWithOneTemplateEach();
        central("INSERT INTO devices (id, last_seen_at) VALUES ('d', now())");
        central("INSERT INTO attendance_records (id, student_id, device_id, captured_at, matcher, validated_at)"
                + " VALUES (gen_random_uuid(), 's-ana', 'd', now(), 'local', now())");
        gateway.syncStudents();

        try (io.presenca.Gateway presenca = new io.presenca.Gateway(gateway.settings())) {
            io.presenca.privacy.ErasureReport report = presenca.studentEraser().erase("s-ana",
                    io.presenca.config.EraseAttendance.PSEUDONYMISE);
            assertTrue(report.complete(), report.toString());
            assertTrue(report.lines().contains(new io.presenca.privacy.ErasureReport.Line(
                    "central PostgreSQL face_templates", "1 row", true)), report.toString());
            assertTrue(presenca.erasureCheck().verify("s-ana", io.presenca.config.EraseAttendance.PSEUDONYMISE).complete());
        }
        try (Connection c = gateway.pg.connect(gateway.pgDb)) {
            assertEquals(0, Sql.count(c, "SELECT count(*) FROM face_templates WHERE student_id = 's-ana'"));
            assertEquals(1, Sql.count(c, "SELECT count(*) FROM face_templates WHERE student_id = 's-leo'"));
            assertEquals(1, Sql.count(c, "SELECT count(*) FROM attendance_records WHERE student_id LIKE 'erased-%'"));
        }
    }
}
