package io.presenca.students;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One student's enrollment folder, {@code FACES_DIR/<student_id>/}. The folder name is the student's
 * id, so it is checked before anything is stored: ids end up in the database, in file paths and in
 * attendance exports, and a name like {@code ..} or {@code a/b} must never get that far.
 */
public final class StudentFolder {

    /** Letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters. */
    public static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final Set<String> PHOTO_EXTENSIONS = Set.of("jpg", "jpeg", "png");

    private final String id;
    private final Path dir;

    private StudentFolder(String id, Path dir) {
        this.id = id;
        this.dir = dir;
    }

    /**
     * The folder as a student's, or an exception whose message says why its name is not a valid id.
     */
    public static StudentFolder of(Path dir) throws InvalidStudentIdException {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        String problem = idProblem(name);
        if (problem != null) {
            throw new InvalidStudentIdException(name, problem);
        }
        return new StudentFolder(name, dir);
    }

    /** Why {@code id} is not a valid student id, or null if it is. */
    public static String idProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "the name is empty";
        }
        if (VALID_ID.matcher(id).matches()) {
            return null;
        }
        if (id.length() > 64) {
            return "it is " + id.length() + " characters long (at most 64)";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            if (!allowed) {
                return "it contains " + describe(c) + " (only letters, digits, '.', '_' and '-' are allowed)";
            }
        }
        return "it must start with a letter or a digit";
    }

    public String id() {
        return id;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The photos directly in the folder (.jpg, .jpeg, .png in any case), sorted by name. Other files,
     * sub-folders and hidden files (such as macOS {@code ._photo.jpg} companions) are not photos.
     */
    public List<Path> photos() throws IOException {
        List<Path> photos = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (isPhotoName(entry.getFileName().toString()) && Files.isRegularFile(entry)) {
                    photos.add(entry);
                }
            }
        }
        photos.sort(null);
        return photos;
    }

    /** The optional student.json / student.properties of this folder. */
    public StudentFile studentFile() {
        return StudentFile.read(dir);
    }

    static boolean isPhotoName(String fileName) {
        if (fileName.startsWith(".")) {
            return false;
        }
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && PHOTO_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** A folder name made safe for a one-line report: control characters shown as escapes. */
    public static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String describe(char c) {
        return switch (c) {
            case ' ' -> "a space";
            case '/' -> "a slash";
            case '\\' -> "a backslash";
            default -> Character.isISOControl(c) || Character.isWhitespace(c)
                    ? String.format("the character \\u%04x", (int) c) : "'" + c + "'";
        };
    }

    /** A folder whose name is not a valid student id; nothing of it is stored. */
    public static final class InvalidStudentIdException extends Exception {
        private final String folderName;

        public InvalidStudentIdException(String folderName, String problem) {
            super("folder '" + printable(folderName) + "' skipped: not a valid student id, " + problem);
            this.folderName = folderName;
        }

        public String folderName() {
            return folderName;
        }
    }
}
