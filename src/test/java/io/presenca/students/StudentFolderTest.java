package io.presenca.students;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Id checks, photo selection and student files: no models needed. */
class StudentFolderTest {

    @Test
    void validIds() {
        for (String id : List.of("ana-souza", "A", "7", "s.2026_01", "x".repeat(64))) {
            assertNull(StudentFolder.idProblem(id), id);
        }
    }

    @Test
    void invalidIdsSayWhy() {
        assertEquals("the name is empty", StudentFolder.idProblem(""));
        assertTrue(StudentFolder.idProblem("..").contains("start with a letter or a digit"));
        assertTrue(StudentFolder.idProblem("..x").contains("start with a letter or a digit"));
        assertTrue(StudentFolder.idProblem("_x").contains("start with a letter or a digit"));
        assertTrue(StudentFolder.idProblem("ana souza").startsWith("it contains a space"));
        assertTrue(StudentFolder.idProblem("a/b").startsWith("it contains a slash"));
        assertTrue(StudentFolder.idProblem("a\\b").startsWith("it contains a backslash"));
        assertTrue(StudentFolder.idProblem("a$b").startsWith("it contains '$'"));
        assertTrue(StudentFolder.idProblem("joão").startsWith("it contains 'ã'"));
        assertTrue(StudentFolder.idProblem("a\nb").startsWith("it contains the character \\u000a"));
        assertEquals("it is 65 characters long (at most 64)", StudentFolder.idProblem("x".repeat(65)));
    }

    @Test
    void aFolderWithAnInvalidNameIsRefusedWithAPrintableReason() {
        StudentFolder.InvalidStudentIdException e = assertThrows(StudentFolder.InvalidStudentIdException.class,
                () -> StudentFolder.of(Path.of("faces", "a\rb")));
        assertEquals("a\rb", e.folderName());
        assertFalse(e.getMessage().contains("\r"), "a folder name cannot forge report lines");
    }

    @Test
    void photosAreJpegAndPngInAnyCaseDirectlyInTheFolder() throws Exception {
        Path dir = Files.createDirectories(EnrollmentFixtures.freshFolder().resolve("ana"));
        for (String name : List.of("b.JPG", "a.jpeg", "c.Png", "d.gif", "notes.txt", "student.json", ".hidden.jpg",
                "jpg", "e.jpg.txt")) {
            Files.write(dir.resolve(name), new byte[] {1});
        }
        Files.createDirectories(dir.resolve("sub.jpg"));
        Files.write(Files.createDirectories(dir.resolve("old")).resolve("f.jpg"), new byte[] {1});

        List<String> names = StudentFolder.of(dir).photos().stream().map(p -> p.getFileName().toString()).toList();

        assertEquals(List.of("a.jpeg", "b.JPG", "c.Png"), names);
    }

    @Test
    void studentJson() throws Exception {
        Path dir = Files.createDirectories(EnrollmentFixtures.freshFolder());
        Files.writeString(dir.resolve("student.json"), "{\"name\": \"  Ana Souza \", \"class\": 5, \"extra\": [1]}");
        assertEquals(new StudentFile("Ana Souza", "5", null), StudentFile.read(dir));

        Files.writeString(dir.resolve("student.json"), "[\"Ana\"]");
        assertTrue(StudentFile.read(dir).problem().startsWith("student.json unreadable: expected an object"));

        Files.writeString(dir.resolve("student.json"), "");
        StudentFile empty = StudentFile.read(dir);
        assertNull(empty.name());
        assertTrue(empty.problem().startsWith("student.json unreadable: "), empty.problem());
    }

    @Test
    void studentPropertiesInUtf8OrLatin1() throws Exception {
        Path dir = Files.createDirectories(EnrollmentFixtures.freshFolder());
        Files.writeString(dir.resolve("student.properties"), "name=João\nclass=5A\n", StandardCharsets.UTF_8);
        assertEquals(new StudentFile("João", "5A", null), StudentFile.read(dir));

        Files.writeString(dir.resolve("student.properties"), "name=João\n", StandardCharsets.ISO_8859_1);
        assertEquals(new StudentFile("João", null, null), StudentFile.read(dir));
    }

    @Test
    void noStudentFileMeansNoNameAndNoProblem() throws Exception {
        Path dir = Files.createDirectories(EnrollmentFixtures.freshFolder());
        assertEquals(StudentFile.NONE, StudentFile.read(dir));
    }
}
