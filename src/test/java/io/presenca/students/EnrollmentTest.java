package io.presenca.students;

import static io.presenca.students.EnrollmentFixtures.AGEITGEY;
import static io.presenca.students.EnrollmentFixtures.BBT;
import static io.presenca.students.EnrollmentFixtures.GROUP_PHOTOS;
import static io.presenca.students.EnrollmentFixtures.copyAs;
import static io.presenca.students.EnrollmentFixtures.copyTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.Database;
import io.presenca.store.EnrollmentPhoto;
import io.presenca.store.EnrollmentPhotoStore;
import io.presenca.store.StoredTemplate;
import io.presenca.store.Student;
import io.presenca.store.StudentStore;
import io.presenca.store.TemplateStore;
import io.presenca.students.EnrollmentReport.PhotoResult;
import io.presenca.students.EnrollmentReport.Status;
import io.presenca.vision.DescriptorModel;
import io.presenca.vision.PhotoFaceReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enrollment against the real models and a real SQLite file, with photos from ../shared/datasets. */
class EnrollmentTest {

    private static PhotoFaceReader reader;

    private Path faces;
    private Database db;

    @BeforeAll
    static void loadModels() {
        reader = EnrollmentFixtures.reader();
    }

    @BeforeEach
    void freshFolders() throws Exception {
        Path root = EnrollmentFixtures.freshFolder();
        faces = Files.createDirectories(root.resolve("faces"));
        db = Database.open(root.resolve("attendance.db"));
    }

    private EnrollmentReport enroll() {
        EnrollmentReport report = new Enrollment(faces, reader, db).run();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return report;
    }

    private Map<String, Long> templatesPerStudent() {
        return new TemplateStore(db).activeTemplates(DescriptorModel.OMZ.storedName()).stream()
                .collect(Collectors.groupingBy(StoredTemplate::studentId, Collectors.counting()));
    }

    private Set<Long> templateIds() {
        return new TemplateStore(db).activeTemplates(DescriptorModel.OMZ.storedName()).stream()
                .map(StoredTemplate::id).collect(Collectors.toSet());
    }

    private Map<String, Instant> processedAt() {
        return new EnrollmentPhotoStore(db).all().stream()
                .collect(Collectors.toMap(EnrollmentPhoto::path, EnrollmentPhoto::processedAt));
    }

    private static Map<String, PhotoResult> byPath(EnrollmentReport report) {
        return report.photos().stream().collect(Collectors.toMap(PhotoResult::relativePath, Function.identity()));
    }

    @Test
    void enrollsTheAgeitgeyDataset() {
        copyTree(AGEITGEY, faces);

        EnrollmentReport report = enroll();

        assertEquals(13, report.photos().size(), "a line for every photo");
        assertEquals(5, report.students());
        assertTrue(report.accepted() >= 11, "accepted " + report.accepted() + " of 13");
        assertEquals(13, report.accepted() + report.rejected());
        assertTrue(report.changed());
        Map<String, Long> templates = templatesPerStudent();
        for (String student : List.of("alex_lacamoire", "biden", "kit_harington", "obama", "rose_leslie")) {
            assertTrue(templates.getOrDefault(student, 0L) >= 1, student + " has no template");
        }
        assertEquals(report.accepted(), templates.values().stream().mapToLong(Long::longValue).sum());
        assertTrue(byPath(report).containsKey("kit_harington/john1.jpeg"), ".jpeg counts as a photo");
        assertEquals(13, new EnrollmentPhotoStore(db).all().size());
        assertTrue(report.summary().startsWith("Enrollment: 5 students, "), report.summary());
    }

    @Test
    void everyBigBangTheoryStudentGetsAtLeastThreeTemplates() {
        copyTree(BBT, faces);

        EnrollmentReport report = enroll();

        assertEquals(40, report.photos().size());
        assertEquals(8, report.students());
        Map<String, Long> templates = templatesPerStudent();
        assertEquals(8, templates.size(), templates.toString());
        templates.forEach((student, count) -> assertTrue(count >= 3, student + " has only " + count + " templates"));
    }

    @Test
    void aPhotoWithTwoFacesIsRejected() {
        copyAs(AGEITGEY.resolve("biden/biden.jpg"), faces.resolve("biden"), "biden.jpg");
        copyAs(GROUP_PHOTOS.resolve("ageitgey_obama_and_biden.jpg"), faces.resolve("biden"), "with-obama.jpg");
        copyAs(GROUP_PHOTOS.resolve("ageitgey_two_people.jpg"), faces.resolve("biden"), "two-people.jpg");

        EnrollmentReport report = enroll();

        for (String path : List.of("biden/with-obama.jpg", "biden/two-people.jpg")) {
            PhotoResult group = byPath(report).get(path);
            assertEquals(Status.REJECTED, group.status(), path);
            assertTrue(group.reason().startsWith("more than one face: "), group.reason());
        }
        PhotoResult group = byPath(report).get("biden/with-obama.jpg");
        assertEquals(Status.ACCEPTED, byPath(report).get("biden/biden.jpg").status());
        assertEquals(Map.of("biden", 1L), templatesPerStudent());
        EnrollmentPhoto row = new EnrollmentPhotoStore(db).find("biden/with-obama.jpg").orElseThrow();
        assertEquals(EnrollmentPhoto.Status.REJECTED, row.status());
        assertEquals(group.reason(), row.reason());
    }

    @Test
    void badFilesAreRejectedAndTheRunGoesOn() throws Exception {
        Path ana = faces.resolve("ana");
        copyAs(AGEITGEY.resolve("rose_leslie/img1.jpg"), ana, "a-good.JPG");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(ana.resolve("corrupt.jpg"), noise);
        Files.write(ana.resolve("empty.jpg"), new byte[0]);
        Files.writeString(ana.resolve("notes-renamed.png"), "this is not a picture\n");
        Files.writeString(ana.resolve("notes.txt"), "ignored\n");
        copyAs(AGEITGEY.resolve("rose_leslie/img2.jpg"), ana, "z-good.png");

        EnrollmentReport report = enroll();

        Map<String, PhotoResult> results = byPath(report);
        assertEquals(Set.of("ana/a-good.JPG", "ana/corrupt.jpg", "ana/empty.jpg", "ana/notes-renamed.png", "ana/z-good.png"),
                results.keySet(), "notes.txt is not a photo and is not reported");
        for (String bad : List.of("ana/corrupt.jpg", "ana/empty.jpg", "ana/notes-renamed.png")) {
            assertEquals(Status.REJECTED, results.get(bad).status(), bad);
            assertTrue(results.get(bad).reason().startsWith("unreadable file: "), results.get(bad).reason());
            assertFalse(results.get(bad).reason().contains(faces.toString()), "the line already names the file");
        }
        assertEquals("unreadable file: the file is empty", results.get("ana/empty.jpg").reason());
        assertEquals(Status.ACCEPTED, results.get("ana/a-good.JPG").status());
        assertEquals(Status.ACCEPTED, results.get("ana/z-good.png").status(), "the photo after the bad ones is still read");
        assertEquals(2L, templatesPerStudent().get("ana"));
        assertTrue(report.warnings().isEmpty(), report.warnings().toString());

        EnrollmentReport again = enroll();
        assertEquals(5, again.unchanged(), "rejected photos are remembered too, not retried every run");
        assertFalse(again.changed());
    }

    @Test
    void reRunsOnlyRedoWhatChanged() throws Exception {
        Path obama = faces.resolve("obama");
        copyAs(AGEITGEY.resolve("obama/obama.jpg"), obama, "1.jpg");
        copyAs(AGEITGEY.resolve("obama/obama1.jpg"), obama, "2.jpg");
        copyAs(AGEITGEY.resolve("kit_harington/john1.jpeg"), faces.resolve("kit"), "1.jpeg");
        copyAs(AGEITGEY.resolve("kit_harington/john2.jpeg"), faces.resolve("kit"), "2.jpeg");
        EnrollmentReport first = enroll();
        assertEquals(4, first.accepted(), first.photos().toString());
        Set<Long> before = templateIds();
        Map<String, Instant> processedAt = processedAt();

        EnrollmentReport nothingChanged = enroll();
        assertEquals(4, nothingChanged.unchanged());
        assertFalse(nothingChanged.changed());
        assertEquals(before, templateIds(), "no new templates");
        assertEquals(processedAt, processedAt(), "nothing decoded again");
        assertEquals("  obama/1.jpg  unchanged (accepted)", byPath(nothingChanged).get("obama/1.jpg").line());

        // Same bytes, newer time (a copy tool re-wrote it): hashed, but not decoded again.
        Path kit = faces.resolve("kit/1.jpeg");
        Instant later = Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Files.setLastModifiedTime(kit, FileTime.from(later));
        EnrollmentReport touched = enroll();
        assertEquals(4, touched.unchanged());
        assertFalse(touched.changed());
        assertEquals(later, new EnrollmentPhotoStore(db).find("kit/1.jpeg").orElseThrow().modifiedAt());
        assertEquals(before, templateIds());
        assertEquals(processedAt, processedAt(), "same content: not decoded again");

        // Another photo of the same person in place of 1.jpg: only that one is processed again.
        Files.copy(AGEITGEY.resolve("obama/obama3.jpg"), obama.resolve("1.jpg"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        EnrollmentReport replaced = enroll();
        assertEquals(List.of("obama/1.jpg"), replaced.photos().stream()
                .filter(p -> p.status() != Status.UNCHANGED).map(PhotoResult::relativePath).toList());
        assertEquals(Status.ACCEPTED, byPath(replaced).get("obama/1.jpg").status());
        assertTrue(replaced.changed());
        Set<Long> afterReplace = templateIds();
        assertEquals(4, afterReplace.size());
        assertEquals(3, afterReplace.stream().filter(before::contains).count(), "exactly one template replaced");

        // A deleted photo loses its template and its record.
        Files.delete(obama.resolve("2.jpg"));
        EnrollmentReport deleted = enroll();
        assertEquals(Status.REMOVED, byPath(deleted).get("obama/2.jpg").status());
        assertEquals(1, deleted.removed());
        assertEquals(3, deleted.unchanged());
        assertTrue(deleted.changed());
        assertEquals(Map.of("obama", 1L, "kit", 2L), templatesPerStudent());
        assertTrue(new EnrollmentPhotoStore(db).find("obama/2.jpg").isEmpty());

        // Deleting the whole folder removes its last photo too.
        Files.delete(obama.resolve("1.jpg"));
        Files.delete(obama);
        EnrollmentReport folderGone = enroll();
        assertEquals(1, folderGone.removed());
        assertEquals(Map.of("kit", 2L), templatesPerStudent());
        assertTrue(folderGone.warnings().isEmpty(), "a student whose folder is gone is not warned about: "
                + folderGone.warnings());
    }

    @Test
    void twoCopiesOfOnePhotoKeepATemplateWhenOneIsDeleted() throws Exception {
        Path kit = faces.resolve("kit");
        copyAs(AGEITGEY.resolve("kit_harington/john1.jpeg"), kit, "a.jpeg");
        copyAs(AGEITGEY.resolve("kit_harington/john1.jpeg"), kit, "b.jpeg");
        EnrollmentReport first = enroll();
        assertEquals(2, first.accepted());
        assertEquals(Map.of("kit", 1L), templatesPerStudent(), "one template per student and photo content");

        Files.delete(kit.resolve("a.jpeg"));
        EnrollmentReport second = enroll();

        assertEquals(1, second.removed());
        assertEquals(Map.of("kit", 1L), templatesPerStudent(), "b.jpeg still counts for kit");
        assertTrue(second.warnings().isEmpty(), second.warnings().toString());
    }

    @Test
    void studentFileGivesNameAndClass() throws Exception {
        copyAs(AGEITGEY.resolve("rose_leslie/img1.jpg"), faces.resolve("ana-souza"), "1.jpg");
        Files.writeString(faces.resolve("ana-souza/student.json"), "{\"name\": \"Ana Souza\", \"class\": \"5A\"}");
        copyAs(AGEITGEY.resolve("biden/biden.jpg"), faces.resolve("joao"), "1.jpg");
        Files.writeString(faces.resolve("joao/student.properties"), "name=João Silva\nclass=6B\n");
        copyAs(AGEITGEY.resolve("obama/obama.jpg"), faces.resolve("broken"), "1.jpg");
        Files.writeString(faces.resolve("broken/student.json"), "{\"name\": \"Broken\", ");

        EnrollmentReport report = enroll();

        StudentStore students = new StudentStore(db);
        assertEquals(new Student("ana-souza", "Ana Souza", "5A", true), students.find("ana-souza").orElseThrow());
        assertEquals(new Student("joao", "João Silva", "6B", true), students.find("joao").orElseThrow());
        Student broken = students.find("broken").orElseThrow();
        assertNull(broken.name());
        assertTrue(broken.active(), "still enrolled");
        assertEquals(1L, templatesPerStudent().get("broken"));
        assertEquals(1, report.warnings().size(), report.warnings().toString());
        assertTrue(report.warnings().get(0).startsWith("student broken: student.json unreadable: "),
                report.warnings().get(0));
        assertEquals(3, report.accepted(), "student files are not photos");
    }

    @Test
    void foldersWithInvalidIdsAreRejectedAndNothingIsStored() throws Exception {
        for (String bad : List.of("bad id", "..x", "a$b", "-dash-first")) {
            copyAs(AGEITGEY.resolve("biden/biden.jpg"), faces.resolve(bad), "1.jpg");
        }
        copyAs(AGEITGEY.resolve("biden/biden.jpg"), faces.resolve("good.id_1"), "1.jpg");

        EnrollmentReport report = enroll();

        assertEquals(1, report.students());
        assertEquals(List.of("good.id_1/1.jpg"), report.photos().stream().map(PhotoResult::relativePath).toList());
        assertEquals(4, report.warnings().size(), report.warnings().toString());
        String warnings = String.join("\n", report.warnings());
        assertTrue(warnings.contains("folder 'bad id' skipped: not a valid student id, it contains a space"), warnings);
        assertTrue(warnings.contains("folder 'a$b' skipped: not a valid student id, it contains '$'"), warnings);
        assertTrue(warnings.contains("folder '..x' skipped"), warnings);
        assertEquals(List.of("good.id_1"), new StudentStore(db).findActive().stream().map(Student::id).toList());
        assertEquals(List.of("good.id_1/1.jpg"), new EnrollmentPhotoStore(db).all().stream().map(EnrollmentPhoto::path).toList());
        assertEquals(Map.of("good.id_1", 1L), templatesPerStudent());
    }

    @Test
    void aStudentWithoutUsablePhotosIsWarnedAbout() throws Exception {
        Files.createDirectories(faces.resolve("nobody"));
        Files.writeString(faces.resolve("nobody/notes.txt"), "photos next week\n");
        Files.write(faces.resolve("nobody/blank.jpg"), new byte[0]);
        copyAs(AGEITGEY.resolve("biden/biden.jpg"), faces.resolve("someone"), "1.jpg");

        EnrollmentReport report = enroll();

        assertEquals(List.of("student nobody has no usable photo: they cannot be recognised"), report.warnings());
        assertTrue(new StudentStore(db).find("nobody").isPresent(), "enrolled, just not recognisable");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(String.join(System.lineSeparator(),
                "  nobody/blank.jpg  rejected: unreadable file: the file is empty",
                "  someone/1.jpg  accepted",
                "  warning: student nobody has no usable photo: they cannot be recognised",
                "Enrollment: 2 students, 1 photo accepted, 1 rejected, 0 unchanged, 0 removed", ""),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingFacesFolderChangesNothing() throws Exception {
        copyAs(AGEITGEY.resolve("biden/biden.jpg"), faces.resolve("biden"), "1.jpg");
        enroll();
        Path moved = faces.resolveSibling("faces-moved");
        Files.move(faces, moved);

        EnrollmentException e = assertThrows(EnrollmentException.class, () -> new Enrollment(faces, reader, db).run());

        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(Map.of("biden", 1L), templatesPerStudent(), "an unmounted folder must not read as 'all deleted'");
        assertNotEquals(0, new EnrollmentPhotoStore(db).all().size());
    }
}
