package io.presenca.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.presenca.store.Consent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The guardian's consent as a school writes it in student.json or student.properties. */
class StudentFileConsentTest {

    private static StudentFile write(String file, String text) throws Exception {
        Path dir = Files.createDirectories(EnrollmentFixtures.freshFolder());
        Files.writeString(dir.resolve(file), text);
        return StudentFile.read(dir);
    }

    @Test
    void consentInJson() throws Exception {
        StudentFile file = write("student.json", """
                {"name": "Ana", "consent": {"given_by": "Maria Souza (mother)", "date": "2026-02-01", "scope": "attendance"}}""");
        assertEquals("Ana", file.name());
        assertNull(file.problem());
        assertEquals(new Consent("a1", "Maria Souza (mother)", LocalDate.of(2026, 2, 1), "attendance", null, Consent.FROM_FILE),
                file.consent().forStudent("a1"));
    }

    @Test
    void withdrawalInProperties() throws Exception {
        StudentFile file = write("student.properties", """
                name=João
                consent.given_by=Pedro (father)
                consent.date=2026-02-01
                consent.revoked=2026-06-30
                """);
        Consent consent = file.consent().forStudent("j1");
        assertEquals(LocalDate.of(2026, 6, 30), consent.revokedOn());
        assertEquals(false, consent.inForce());
    }

    @Test
    void anIncompleteOrMisdatedConsentIsAProblemNotAGrantAndTheNameStillCounts() throws Exception {
        StudentFile noDate = write("student.json", "{\"name\": \"Ana\", \"consent\": {\"given_by\": \"Maria\"}}");
        assertNull(noDate.consent());
        assertEquals("Ana", noDate.name());
        assertEquals("student.json unreadable: consent needs both given_by and date (YYYY-MM-DD); no consent was taken"
                + " from it", noDate.problem());

        StudentFile badDate = write("student.properties", "consent.given_by=Maria\nconsent.date=01/02/2026\n");
        assertNull(badDate.consent());
        assertEquals("student.properties unreadable: consent date '01/02/2026' is not a date like 2026-02-01;"
                + " no consent was taken from it", badDate.problem());

        String nextYear = LocalDate.now().plusYears(1).toString();
        StudentFile future = write("student.json", "{\"consent\": {\"given_by\": \"Maria\", \"date\": \"" + nextYear + "\"}}");
        assertNull(future.consent());
        assertEquals("student.json unreadable: consent date " + nextYear + " is in the future; no consent was taken"
                + " from it", future.problem());
    }

    @Test
    void aConsentCountsOnlyFromItsDateAndOnlyWhenItsScopeCoversAttendance() {
        LocalDate today = LocalDate.of(2026, 3, 10);
        java.util.function.BiFunction<LocalDate, String, Consent> consent =
                (on, scope) -> new Consent("s1", "Maria", on, scope, null, "file");
        assertNull(consent.apply(today, "attendance at the school door").problemOn(today));
        assertNull(consent.apply(today, null).problemOn(today), "no scope: consent to what the gateway does");
        assertNull(consent.apply(today, "Registro de Presença").problemOn(today));
        assertNull(consent.apply(today, "controle de frequência").problemOn(today));
        assertEquals("dated 2026-03-11, in the future", consent.apply(today.plusDays(1), "attendance").problemOn(today));
        assertEquals("its scope 'school photos for the yearbook' does not cover attendance",
                consent.apply(today, "school photos for the yearbook").problemOn(today));
        assertEquals(false, consent.apply(LocalDate.now().plusDays(1), "attendance").inForce());
        assertEquals(false, consent.apply(LocalDate.now(), "yearbook").inForce());
        assertEquals(true, consent.apply(LocalDate.now(), "attendance").inForce());
    }

    @Test
    void noConsentFieldsMeansNothingSaid() throws Exception {
        assertNull(write("student.json", "{\"name\": \"Ana\"}").consent());
    }
}
