package io.presenca.privacy;

import io.presenca.students.StudentFolder;
import io.presenca.vision.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Names and places of an erased student: the id is checked first, so no path escapes FACES_DIR. */
final class ErasedStudents {

    private ErasedStudents() {
    }

    /** The id as given, if it is a valid student id; else an {@link IllegalArgumentException} saying why. */
    static String validId(String studentId) {
        String problem = StudentFolder.idProblem(studentId);
        if (problem != null) {
            throw new IllegalArgumentException("'" + StudentFolder.printable(studentId) + "' is not a student id: " + problem);
        }
        return studentId;
    }

    /** How the erasure log names the student: not the id itself. */
    static String hash(String studentId) {
        return Sha256.of(("presenca-erasure:" + studentId).getBytes(StandardCharsets.UTF_8));
    }

    /** FACES_DIR/<id>, refusing anything that would resolve outside FACES_DIR. */
    static Path folder(Path facesDir, String studentId) {
        Path root = facesDir.toAbsolutePath().normalize();
        Path folder = root.resolve(validId(studentId)).normalize();
        if (!folder.getParent().equals(root)) {
            throw new IllegalArgumentException("'" + StudentFolder.printable(studentId) + "' is not a student id");
        }
        return folder;
    }
}
